import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { CODE_ENV, completeExportFromStore, computeCodeKey, planRendering, selectFilesToRender, selectParamsToRender } from './render-plan.mjs'

const keys = {
  codeKey: 'code',
  listingKey: 'list',
  files: { '/2025/01/a/index.html': 'a1', '/2025/02/b/index.html': 'b1', '/2025/02/b/og.png': 'b1', '/page/2/index.html': '' },
}
const always = () => true
const sorted = (/** @type {Set<string>} */ set) => [...set].sort()

describe('selectFilesToRender', () => {
  it('renders everything on a first build', () => {
    expect(sorted(selectFilesToRender(undefined, keys, always))).toEqual(Object.keys(keys.files).sort())
  })

  it('renders only the files whose key changed when code and listings are the same', () => {
    const current = { ...keys, files: { ...keys.files, '/2025/02/b/index.html': 'b2', '/2025/02/b/og.png': 'b2' } }
    expect(sorted(selectFilesToRender(keys, current, always))).toEqual(['/2025/02/b/index.html', '/2025/02/b/og.png'])
  })

  it('renders a new post, and a file the store has lost', () => {
    const current = { ...keys, files: { ...keys.files, '/2025/04/d/index.html': 'd1' } }
    expect(sorted(selectFilesToRender(keys, current, (file) => file !== '/page/2/index.html'))).toEqual(['/2025/04/d/index.html', '/page/2/index.html'])
  })

  it('renders everything when the code or the listings changed', () => {
    expect(selectFilesToRender(keys, { ...keys, codeKey: 'code2' }, always).size).toBe(4)
    expect(selectFilesToRender(keys, { ...keys, listingKey: 'list2' }, always).size).toBe(4)
  })
})

describe('selectParamsToRender', () => {
  const pages = [2, 3, 4]
  const fileOf = (/** @type {number} */ page) => `/page/${page}/index.html`

  it('keeps every param outside a production build', () => {
    expect(selectParamsToRender(pages, fileOf, undefined)).toEqual([2, 3, 4])
  })

  it('keeps the planned ones, and the first when none is, since an export cannot have a route without pages', () => {
    expect(selectParamsToRender(pages, fileOf, new Set(['/page/3/index.html']))).toEqual([3])
    expect(selectParamsToRender(pages, fileOf, new Set())).toEqual([2])
    expect(selectParamsToRender([], fileOf, new Set())).toEqual([])
  })
})

describe('computeCodeKey', () => {
  it('covers every environment variable the pages and the content model read', () => {
    const sources = ['app', 'lib'].flatMap((folder) =>
      readdirSync(join(import.meta.dirname, '..', folder), { recursive: true, encoding: 'utf8' })
        .filter((file) => /\.(tsx?|mjs)$/.test(file) && !/\.test\./.test(file))
        .map((file) => readFileSync(join(import.meta.dirname, '..', folder, file), 'utf8')),
    )
    const read = new Set(sources.flatMap((source) => [...source.matchAll(/process\.env\.([A-Z_]+)/g)].map((match) => match[1])))
    expect(read.has('SITE_URL')).toBe(true)
    for (const name of ['BLOG_NOW', 'NEXT_PHASE']) read.delete(name)
    expect([...read].filter((name) => !CODE_ENV.includes(String(name)))).toEqual([])
  })

  const root = mkdtempSync(join(tmpdir(), 'code-key-'))
  afterEach(() => rmSync(root, { recursive: true, force: true }))

  it('changes with a file of the code, the content folder’s other files or the environment, not with a post', () => {
    mkdirSync(join(root, 'app'), { recursive: true })
    mkdirSync(join(root, 'content', 'posts'), { recursive: true })
    writeFileSync(join(root, 'app', 'page.tsx'), 'one')
    writeFileSync(join(root, 'content', 'posts', 'a.mdx'), 'post')
    const key = computeCodeKey(root, 'content', {})
    writeFileSync(join(root, 'content', 'posts', 'a.mdx'), 'post edited')
    expect(computeCodeKey(root, 'content', {})).toBe(key)
    expect(computeCodeKey(root, 'content', { SITE_URL: 'https://elsewhere.example' })).not.toBe(key)
    writeFileSync(join(root, 'content', 'redirects.txt'), '/old/ /new/')
    const withRedirects = computeCodeKey(root, 'content', {})
    expect(withRedirects).not.toBe(key)
    writeFileSync(join(root, 'app', 'page.tsx'), 'two')
    expect(computeCodeKey(root, 'content', {})).not.toBe(withRedirects)
  })
})

describe('a build that renders what changed and carries the rest', () => {
  const root = mkdtempSync(join(tmpdir(), 'render-plan-'))
  const storeDir = join(root, 'store')
  const exportDir = join(root, 'export')
  afterEach(() => rmSync(root, { recursive: true, force: true }))

  /** Writes what next build writes: the planned files given, and an RSC payload beside each, which is never stored. */
  const exportFiles = (/** @type {Record<string, string>} */ files) => {
    rmSync(exportDir, { recursive: true, force: true })
    for (const [file, body] of Object.entries(files)) {
      mkdirSync(dirname(join(exportDir, file)), { recursive: true })
      writeFileSync(join(exportDir, file), body)
      writeFileSync(join(dirname(join(exportDir, file)), 'index.txt'), 'payload')
    }
  }
  const read = (/** @type {string} */ file) => readFileSync(join(exportDir, file), 'utf8')
  const everything = { '/2025/01/a/index.html': 'A', '/2025/02/b/index.html': 'B', '/2025/02/b/og.png': 'card B', '/page/2/index.html': 'list' }

  it('completes the export with the stored files and stores the new ones', () => {
    expect(planRendering(storeDir, keys).size).toBe(4)
    exportFiles(everything)
    expect(completeExportFromStore({ exportDir, storeDir })).toEqual({ carried: 0, rendered: 4 })
    expect(existsSync(join(storeDir, 'files', '2025/01/a', 'index.txt'))).toBe(false)

    // b's body is edited: b renders, and the home page's route renders its first page, as it must
    const edited = { ...keys, files: { ...keys.files, '/2025/02/b/index.html': 'b2', '/2025/02/b/og.png': 'b2' } }
    expect(sorted(planRendering(storeDir, edited))).toEqual(['/2025/02/b/index.html', '/2025/02/b/og.png'])
    exportFiles({ '/2025/02/b/index.html': 'B edited', '/2025/02/b/og.png': 'card B', '/page/2/index.html': 'list' })
    expect(completeExportFromStore({ exportDir, storeDir })).toEqual({ carried: 1, rendered: 3 })
    expect(read('/2025/01/a/index.html')).toBe('A')
    expect(read('/2025/02/b/index.html')).toBe('B edited')
    expect(planRendering(storeDir, edited).size).toBe(0)

    // a is unpublished: the listings change, so everything renders, and the store forgets a
    const { '/2025/01/a/index.html': _a, ...withoutA } = edited.files
    expect(planRendering(storeDir, { ...edited, listingKey: 'list2', files: withoutA }).size).toBe(3)
    const { '/2025/01/a/index.html': _A, ...exportWithoutA } = everything
    exportFiles(exportWithoutA)
    completeExportFromStore({ exportDir, storeDir })
    expect(existsSync(join(storeDir, 'files', '2025/01'))).toBe(false)
    expect(existsSync(join(exportDir, '2025/01/a'))).toBe(false)
  })

  it('empties the store when next build wrote no plan, so the next build renders everything', () => {
    planRendering(storeDir, keys)
    exportFiles(everything)
    completeExportFromStore({ exportDir, storeDir })
    expect(completeExportFromStore({ exportDir, storeDir })).toBeUndefined()
    expect(planRendering(storeDir, keys).size).toBe(4)
  })

  it('fails, naming the fix, when the store lost a file the plan carries', () => {
    planRendering(storeDir, keys)
    exportFiles(everything)
    completeExportFromStore({ exportDir, storeDir })
    planRendering(storeDir, keys)
    rmSync(join(storeDir, 'files', '2025/01/a/index.html'))
    exportFiles({ '/page/2/index.html': 'list' })
    expect(() => completeExportFromStore({ exportDir, storeDir })).toThrow(
      /did not write 1 planned files: \/2025\/01\/a\/index.html; build again, and delete .* if this repeats/,
    )
  })

  it('fails when next build did not write a file it had to render', () => {
    planRendering(storeDir, keys)
    exportFiles({ '/2025/01/a/index.html': 'A' })
    expect(() => completeExportFromStore({ exportDir, storeDir })).toThrow(/next build did not write 3 planned files/)
  })
})
