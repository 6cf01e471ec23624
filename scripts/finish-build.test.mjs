import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { INLINE_SCRIPTS, SPECULATION_RULES, THEME_SCRIPT } from '../lib/inline-scripts.mjs'
import { stopSearchService } from '../lib/search-index.mjs'
import { finishBuild, finishStepVersion, isFrameworkFile, leanHtml, listLocalReferences, swapLink } from './finish-build.mjs'

/** A page as Next 16 exports it: its runtime, preloads, the RSC payload, hydration markers, and our own scripts. */
const NEXT_PAGE =
  '<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/>' +
  '<link rel="stylesheet" href="/_next/static/chunks/a.css" data-precedence="next"/>' +
  '<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/b.js"/>' +
  '<link rel="modulepreload" href="/_next/static/chunks/c.js"/>' +
  '<script src="/_next/static/chunks/b.js" async=""></script>' +
  `<script data-blog-script="">${THEME_SCRIPT}</script>` +
  `<script type="speculationrules">${SPECULATION_RULES}</script>` +
  '<script src="/_next/static/chunks/polyfill.js" noModule=""></script></head>' +
  '<body><div hidden=""><!--$--><!--/$--></div><main><h1>Title &amp; more</h1><p>(<!-- -->4<!-- --> posts)</p>' +
  '<script type="application/ld+json">{"@type":"BlogPosting"}</script>' +
  '<pre><code>  keep   this </code></pre></main>' +
  '<script>(self.__next_f=self.__next_f||[]).push([0])</script><script>self.__next_f.push([1,"payload"])</script>' +
  '<script id="__next_s">x()</script></body></html>'

describe('leanHtml', () => {
  const lean = leanHtml(NEXT_PAGE, 'index.html')

  it('removes Next’s runtime, its preloads, the RSC payload and the hydration markers', () => {
    expect(lean).not.toMatch(/_next\/static\/chunks\/[^"]+\.js|__next_f|__next_s|modulepreload|as="script"|<!--|<div hidden/)
  })

  it('keeps JSON-LD, the speculation rules, our theme script and everything a reader sees', () => {
    expect(lean).toContain('<script type="application/ld+json">{"@type":"BlogPosting"}</script>')
    expect(lean).toContain(`<script type="speculationrules">${SPECULATION_RULES}</script>`)
    expect(lean).toContain(`${THEME_SCRIPT}</script>`)
    expect(lean).toContain('<link rel="stylesheet" href="/_next/static/chunks/a.css" data-precedence="next">')
    expect(lean).toContain('<h1>Title &amp; more</h1><p>(4 posts)</p>')
    expect(lean).toContain('<pre><code>  keep   this </code></pre>')
  })

  it('refuses a script marked as ours that the policy would block', () => {
    expect(() => leanHtml('<html><head><script data-blog-script="">alert(1)</script></head></html>', 'x/index.html')).toThrow(
      /x\/index.html: an inline script marked as ours is not one of lib\/inline-scripts.mjs's INLINE_SCRIPTS/,
    )
    expect(() => leanHtml('<html><head><script type="speculationrules">{}</script></head></html>', 'y.html')).toThrow(/y.html/)
    expect(() => leanHtml('<html><head><script data-blog-script="" src="/_next/static/x.js"></script></head></html>', 'z.html')).toThrow(/not a file of ours/)
  })

  it('keeps a script file of ours from public/', () => {
    expect(leanHtml('<html><body><script src="/search.js" defer data-blog-script=""></script></body></html>', 'search/index.html')).toContain(
      '<script src="/search.js" defer data-blog-script></script>',
    )
  })

  it('drops any other script, inline or not', () => {
    expect(leanHtml('<html><body><script>evil()</script><script src="https://cdn.example/x.js"></script></body></html>', 'a.html')).not.toContain('<script')
  })

  it('allows only the inline scripts whose hashes the policy lists', () => {
    expect(INLINE_SCRIPTS).toEqual([THEME_SCRIPT, SPECULATION_RULES])
  })
})

describe('isFrameworkFile', () => {
  it.each([
    ['index.txt', true],
    ['tags/go/__next.tags.$d$tag.__PAGE__.txt', true],
    ['robots.txt', false],
    ['_next/static/chunks/abc.js', true],
    ['_next/static/chunks/abc.js.map', true],
    ['_next/static/chunks/abc.css', false],
    ['_next/static/media/font.woff2', false],
    ['404/index.html', true],
    ['_not-found/index.html', true],
    ['404.html', false],
    ['pagefind/pagefind.js', false],
    ['search.js', false],
  ])('%s -> %s', (file, expected) => expect(isFrameworkFile(file)).toBe(expected))
})

describe('listLocalReferences', () => {
  it('lists site paths from href, src and srcset, without query or fragment', () => {
    const html =
      '<a href="/a/#x">a</a><a href="https://example.com/">b</a><img src="/i.png?v=1" srcset="/i.480.webp 480w, /i.960.webp 960w"><a href="//x.y/">c</a>'
    expect(listLocalReferences(html)).toEqual(['/a/', '/i.png', '/i.480.webp', '/i.960.webp'])
  })
})

describe('finishBuild and swapLink', () => {
  /** @type {string[]} */
  const folders = []
  const scratch = () => {
    const folder = mkdtempSync(join(tmpdir(), 'finish-build-'))
    folders.push(folder)
    return folder
  }
  afterEach(() => {
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
  })
  afterAll(() => stopSearchService())

  /**
   * @param {string} root
   * @param {string} title
   */
  const writeExport = (root, title) => {
    mkdirSync(join(root, '_next', 'static', 'chunks'), { recursive: true })
    mkdirSync(join(root, 'tags', 'go'), { recursive: true })
    writeFileSync(join(root, 'index.html'), NEXT_PAGE.replace('Title', title).replace('<main>', '<main><a href="/tags/go/">Go</a>'.repeat(40)))
    writeFileSync(join(root, 'tags', 'go', 'index.html'), '<html><body><a href="/">Home</a></body></html>')
    writeFileSync(join(root, 'index.txt'), 'rsc')
    writeFileSync(join(root, 'robots.txt'), 'User-agent: *\n')
    writeFileSync(join(root, '_next', 'static', 'chunks', 'a.css'), 'body{}')
    writeFileSync(join(root, '_next', 'static', 'chunks', 'b.js'), 'x')
    writeFileSync(join(root, '_redirects'), '/page/1/ / 301\n')
    writeFileSync(
      join(root, 'search-records.jsonl'),
      [
        { url: '/2025/04/raft/', content: `<html lang="en"><body><main data-pagefind-body><h1>${title}</h1><p>Raft elects a leader.</p></main></body></html>` },
        {
          url: '/2025/05/paxos/',
          content: '<html lang="en"><body><main data-pagefind-body><h1>Paxos</h1><p>Proposers and acceptors.</p></main></body></html>',
        },
      ]
        .map((record) => `${JSON.stringify(record)}\n`)
        .join(''),
    )
  }

  it('leaves a lean, precompressed site with alias pages and _headers, and points out/ at it', async () => {
    const root = scratch()
    writeExport(join(root, 'export'), 'First')
    await finishBuild({ exportDir: join(root, 'export'), out: join(root, 'out'), buildsDir: join(root, 'builds'), log: () => {} })
    const out = join(root, 'out')
    expect(readFileSync(join(out, 'index.html'), 'utf8')).not.toContain('__next_f')
    expect(existsSync(join(out, 'index.txt'))).toBe(false)
    expect(existsSync(join(out, '_next', 'static', 'chunks', 'b.js'))).toBe(false)
    expect(existsSync(join(out, '_next', 'static', 'chunks', 'a.css'))).toBe(true)
    expect(existsSync(join(out, 'robots.txt'))).toBe(true)
    expect(existsSync(join(out, 'index.html.br'))).toBe(true)
    expect(existsSync(join(out, 'index.html.gz'))).toBe(true)
    // The search index, written after everything else was compressed, is compressed too.
    expect(existsSync(join(out, 'pagefind', 'pagefind.js.br'))).toBe(true)
    expect(existsSync(join(out, 'pagefind', 'pagefind-entry.json.gz'))).toBe(true)
    expect(readFileSync(join(out, 'page', '1', 'index.html'), 'utf8')).toContain('<meta http-equiv="refresh" content="0; url=/">')
    expect(readFileSync(join(out, '_headers'), 'utf8')).toMatch(/^\/\*\n {2}X-Content-Type-Options: nosniff/)
    expect(existsSync(join(root, 'export'))).toBe(false)
  })

  it('makes many pages lean on two threads, each page as one thread would', async () => {
    const root = scratch()
    writeExport(join(root, 'export'), 'First')
    const notes = Array.from({ length: 150 }, (_, index) => `notes/${index}/index.html`)
    for (const [index, note] of notes.entries()) {
      mkdirSync(join(root, 'export', note, '..'), { recursive: true })
      writeFileSync(join(root, 'export', note), NEXT_PAGE.replace('Title', `Note ${index}`))
    }
    const lines = /** @type {string[]} */ ([])
    await finishBuild({ exportDir: join(root, 'export'), out: join(root, 'out'), buildsDir: join(root, 'builds'), log: (line) => lines.push(line) })
    const inThread = Number(/(\d+) on a second thread/.exec(lines.join('\n'))?.[1])
    expect(inThread).toBeGreaterThan(0)
    expect(inThread).toBeLessThan(notes.length)
    const single = leanHtml(NEXT_PAGE.replace('Title', 'Note 0'), 'notes/0/index.html')
    for (const [index, note] of notes.entries()) {
      expect(readFileSync(join(root, 'out', note), 'utf8'), note).toBe(single.replace('Note 0', `Note ${index}`))
    }
  })

  it('indexes the exported search records into pagefind/ and ships no records file', async () => {
    const root = scratch()
    writeExport(join(root, 'export'), 'First')
    await finishBuild({ exportDir: join(root, 'export'), out: join(root, 'out'), buildsDir: join(root, 'builds'), log: () => {} })
    const out = join(root, 'out')
    expect(existsSync(join(out, 'pagefind', 'pagefind.js'))).toBe(true)
    expect(readFileSync(join(out, 'pagefind', 'pagefind-entry.json'), 'utf8')).toContain('"page_count":2')
    expect(existsSync(join(out, 'pagefind', 'pagefind-ui.js')), 'the unused UI bundle is left out').toBe(false)
    expect(existsSync(join(out, 'search-records.jsonl'))).toBe(false)

    writeExport(join(root, 'export'), 'Second')
    rmSync(join(root, 'export', 'search-records.jsonl'))
    await expect(finishBuild({ exportDir: join(root, 'export'), out: join(root, 'out'), buildsDir: join(root, 'builds'), log: () => {} })).rejects.toThrow(
      'search-records.jsonl is missing from the export',
    )
  })

  it('reuses its cached work for unchanged pages and files, redoes it for changed ones, and keeps only what the last build used', async () => {
    const root = scratch()
    /** @type {string[]} */
    const lines = []
    const build = () =>
      finishBuild({ exportDir: join(root, 'export'), out: join(root, 'out'), buildsDir: join(root, 'builds'), log: (line) => lines.push(line) })
    writeExport(join(root, 'export'), 'First')
    await build()
    expect(lines.at(-1)).toMatch(/ 0 of \d+ results from the cache/)
    const cacheDir = join(root, '.next', 'cache', 'finish-build')
    const firstEntries = readdirSync(cacheDir).sort()

    writeExport(join(root, 'export'), 'First')
    await build()
    const [, hits, total] = /(\d+) of (\d+) results from the cache/.exec(lines.at(-1) ?? '') ?? []
    expect(Number(hits)).toBeGreaterThan(0)
    expect(hits, 'an unchanged export is all reused').toBe(total)
    expect(readdirSync(cacheDir).sort()).toEqual(firstEntries)
    expect(existsSync(join(root, 'out', 'pagefind', 'pagefind.js'))).toBe(true)

    writeExport(join(root, 'export'), 'Second')
    await build()
    expect(readFileSync(join(root, 'out', 'index.html'), 'utf8')).toContain('<h1>Second &amp; more</h1>')
    expect(gunzipSync(readFileSync(join(root, 'out', 'index.html.gz'))).toString('utf8')).toContain('<h1>Second &amp; more</h1>')
    expect(readdirSync(cacheDir).filter((name) => firstEntries.includes(name)).length, 'entries only the first build used are gone').toBeLessThan(
      firstEntries.length,
    )
  })

  it('reuses nothing that another version of its code made, and drops those entries', async () => {
    const root = scratch()
    /** @type {string[]} */
    const lines = []
    const build = (/** @type {string} */ version) =>
      finishBuild({ exportDir: join(root, 'export'), out: join(root, 'out'), buildsDir: join(root, 'builds'), version, log: (line) => lines.push(line) })
    writeExport(join(root, 'export'), 'First')
    await build('one')
    writeExport(join(root, 'export'), 'First')
    await build('two')
    expect(lines.at(-1), 'the same export, other code: every result made again').toMatch(/ 0 of \d+ results from the cache/)
    const entries = readdirSync(join(root, '.next', 'cache', 'finish-build'))
    expect(entries.length).toBeGreaterThan(0)
    expect(entries.filter((name) => !name.startsWith('two-'))).toEqual([])
  })

  it('versions its code: itself, its threads, any .mjs module under lib/, next.config.mjs or the lock file changes the version', () => {
    const root = scratch()
    const files = [
      'scripts/finish-build.mjs',
      'scripts/search-index-worker.mjs',
      'scripts/lean-page-worker.mjs',
      'next.config.mjs',
      'package-lock.json',
      'lib/build-cache.mjs',
      'lib/mdx/deep.mjs',
    ]
    for (const file of files) {
      mkdirSync(join(root, file, '..'), { recursive: true })
      writeFileSync(join(root, file), `// ${file}\n`)
    }
    writeFileSync(join(root, 'lib', 'posts.ts'), '// not the finishing step’s\n')
    const first = finishStepVersion(root)
    expect(finishStepVersion(root)).toBe(first)
    writeFileSync(join(root, 'lib', 'posts.ts'), '// changed\n')
    expect(finishStepVersion(root), 'a TypeScript module, which the step cannot import').toBe(first)
    for (const file of files) {
      writeFileSync(join(root, file), `// ${file}, changed\n`)
      const changed = finishStepVersion(root)
      expect(changed, file).not.toBe(first)
      writeFileSync(join(root, file), `// ${file}\n`)
    }
    expect(finishStepVersion(root)).toBe(first)
  })

  it('fails, naming the page and the path, when a page refers to a file the export does not have', async () => {
    const root = scratch()
    writeExport(join(root, 'export'), 'First')
    writeFileSync(join(root, 'export', 'tags', 'go', 'index.html'), '<html><body><img src="/missing.png" alt="x"></body></html>')
    await expect(finishBuild({ exportDir: join(root, 'export'), out: join(root, 'out'), buildsDir: join(root, 'builds'), log: () => {} })).rejects.toThrow(
      'tags/go/index.html: /missing.png is not in the export',
    )
    expect(existsSync(join(root, 'out')), 'a failed build leaves out/ as it was').toBe(false)
  })

  it('swaps a second build in with one rename, keeps the previous one for requests in flight, and removes older ones', async () => {
    const root = scratch()
    const builds = join(root, 'builds')
    const out = join(root, 'out')
    const titles = ['First', 'Second', 'Third']
    /** @type {string[]} */
    const targets = []
    for (const title of titles) {
      writeExport(join(root, 'export'), title)
      await finishBuild({ exportDir: join(root, 'export'), out, buildsDir: builds, log: () => {} })
      targets.push(join(root, readlinkSync(out)))
      expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain(`<h1>${title} &amp; more</h1>`)
    }
    expect(existsSync(targets[0] ?? ''), 'the oldest build is removed').toBe(false)
    expect(existsSync(targets[1] ?? ''), 'the previous build stays for requests still reading it').toBe(true)
  })

  it('copies in the processed images pages and feeds refer to, amid any text, and fails naming one the cache lacks', async () => {
    const root = scratch()
    const cache = join(root, 'cache')
    const sha = 'ab'.repeat(32)
    mkdirSync(cache)
    writeFileSync(join(cache, `${sha}.480.webp`), 'webp bytes')
    writeFileSync(join(cache, `${sha}.960.webp`), 'never referenced')
    writeExport(join(root, 'export'), 'First')
    const image = `/img/photo.${sha.slice(0, 16)}.480.webp`
    writeFileSync(join(root, 'export', 'tags', 'go', 'index.html'), `<html><body><img src="${image}" alt="A photo"></body></html>`)
    writeFileSync(
      join(root, 'export', 'index.xml'),
      `<rss><item><description>Café — 数据 “x” &lt;img src="https://blog.example${image}"&gt;</description></item></rss>`,
    )
    await finishBuild({ exportDir: join(root, 'export'), out: join(root, 'out'), buildsDir: join(root, 'builds'), imageCacheDir: cache, log: () => {} })
    expect(readFileSync(join(root, 'out', image), 'utf8')).toBe('webp bytes')
    expect(existsSync(join(root, 'out', 'img', `photo.${sha.slice(0, 16)}.960.webp`)), 'only what ships is copied').toBe(false)

    writeExport(join(root, 'export'), 'Second')
    writeFileSync(join(root, 'export', 'index.xml'), `<rss>https://blog.example/img/chart.${'cd'.repeat(8)}.480.png</rss>`)
    await expect(
      finishBuild({ exportDir: join(root, 'export'), out: join(root, 'out'), buildsDir: join(root, 'builds'), imageCacheDir: cache, log: () => {} }),
    ).rejects.toThrow(`/img/chart.${'cd'.repeat(8)}.480.png): delete .contentlayer`)
  })

  it('replaces an out/ folder left by an older build with the link', () => {
    const root = scratch()
    mkdirSync(join(root, 'out'))
    mkdirSync(join(root, 'site'))
    expect(swapLink(join(root, 'out'), join(root, 'site'))).toBeUndefined()
    expect(readlinkSync(join(root, 'out'))).toBe('site')
  })
})
