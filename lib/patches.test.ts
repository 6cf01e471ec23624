/**
 * patches/ holds three patches (what each changes is in its header): two to contentlayer2, to its core and to
 * its file source, which reuses a cached document by its content; and one to next, which shares the
 * prerendering evenly between `next build`'s workers and lets a build skip the per-segment prefetch data.
 * The file source's patch also has eight documents compiled at once.
 * patch-package applies them on `npm install` and `npm ci` (package.json "postinstall"). These fail when a
 * patch no longer matches the installed package (an upgrade must either carry the patches forward or drop
 * them) and when a real build compiles again a post whose content did not change; e2e/lean.spec.ts fails when
 * a build makes segment prefetch data.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterEach, describe, expect, it } from 'vitest'
import { contentlayerCommand, makeScratchProject, runContentBuild } from './__fixtures__/content-build'

const ROOT = join(__dirname, '..')
const PATCHES = join(ROOT, 'patches')
/** Each patched package, and the dependency in package.json that pins the version its patch is for. */
const PATCHED = { '@contentlayer2/core': 'contentlayer2', '@contentlayer2/source-files': 'contentlayer2', next: 'next' }

type GeneratedDocument = { title: string; _raw: { sourceFilePath: string } }

const installedVersion = (name: string) => (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version

type Hunk = { before: string; after: string }
type FilePatch = { file: string; hunks: Hunk[] }

/** The files of a unified diff (as patch-package writes it), each hunk as its text before and after. */
function parsePatch(text: string): FilePatch[] {
  const files: FilePatch[] = []
  let hunk: { before: string[]; after: string[] } | undefined
  const close = () => {
    if (hunk) files.at(-1)?.hunks.push({ before: hunk.before.join('\n'), after: hunk.after.join('\n') })
    hunk = undefined
  }
  for (const line of text.split('\n')) {
    if (line.startsWith('diff --git ')) {
      close()
      files.push({ file: line.split(' b/')[1] ?? '', hunks: [] })
    } else if (line.startsWith('@@')) {
      close()
      hunk = { before: [], after: [] }
    } else if (hunk && !line.startsWith('\\')) {
      const body = line.slice(1)
      if (line.startsWith('-')) hunk.before.push(body)
      else if (line.startsWith('+')) hunk.after.push(body)
      else if (line.startsWith(' ') || line === '') {
        hunk.before.push(body)
        hunk.after.push(body)
      }
    }
  }
  close()
  return files
}

const patchFiles = readdirSync(PATCHES).filter((name) => name.endsWith('.patch'))

describe('the patches', () => {
  it('are the only patches, one for each patched package at its installed version', () => {
    expect(patchFiles.sort()).toEqual(
      Object.keys(PATCHED)
        .map((name) => `${name.replace('/', '+')}+${installedVersion(name)}.patch`)
        .sort(),
    )
  })

  it('pin each patched package to the exact version its patch is for', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; scripts: Record<string, string> }
    for (const [name, dependency] of Object.entries(PATCHED)) expect(manifest.dependencies[dependency], name).toBe(installedVersion(name))
    expect(manifest.scripts.postinstall).toBe('patch-package')
  })

  it('are applied: every hunk reads as patched in node_modules, none as it was', () => {
    for (const name of patchFiles) {
      const files = parsePatch(readFileSync(join(PATCHES, name), 'utf8'))
      expect(files.length).toBeGreaterThan(0)
      for (const { file, hunks } of files) {
        const installed = readFileSync(join(ROOT, file), 'utf8')
        expect(hunks.length).toBeGreaterThan(0)
        for (const { before, after } of hunks) {
          expect(installed, `${file}: run npm install (patch-package) or update ${name}`).toContain(after)
          // A hunk that only adds lines above its context still holds its old text whole.
          if (!after.includes(before)) expect(installed).not.toContain(before)
        }
      }
    }
  })
})

describe('the contentlayer2 patches, in real content builds', () => {
  const folders: string[] = []
  afterEach(() => {
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
  })

  const post = (title: string, body: string) => `---\ntitle: "${title}"\ndate: 2025-04-16T10:00:00+00:00\ndescription: "Fine."\ntags: [go]\n---\n\n${body}\n`
  const png = (background: string) =>
    sharp({ create: { width: 8, height: 8, channels: 3, background } })
      .png()
      .toBuffer()

  /** The file contentlayer keeps its data cache in (every document), once it exists. */
  function findCacheFile(folder: string): string | undefined {
    const cacheRoot = join(folder, '.contentlayer', '.cache')
    const dir = existsSync(cacheRoot) ? readdirSync(cacheRoot).find((name) => /^v\d/.test(name)) : undefined
    const name = dir === undefined ? undefined : readdirSync(join(cacheRoot, dir)).find((file) => /^data-.+\.json$/.test(file))
    return name === undefined ? undefined : join(cacheRoot, dir!, name)
  }

  /** The title of each generated post, by source file. */
  function readTitles(folder: string): Record<string, string> {
    const posts = JSON.parse(readFileSync(join(folder, '.contentlayer', 'generated', 'Post', '_index.json'), 'utf8')) as GeneratedDocument[]
    return Object.fromEntries(posts.map((document) => [document._raw.sourceFilePath, document.title]))
  }

  /**
   * Retitles every document in contentlayer's cache: a document the next build reuses keeps "Cached", one it
   * compiles again gets its title from the file.
   */
  function markCachedDocuments(folder: string): void {
    const cacheFile = findCacheFile(folder)!
    const cache = JSON.parse(readFileSync(cacheFile, 'utf8')) as { cacheItemsMap: Record<string, { document: { title: string } }> }
    for (const item of Object.values(cache.cacheItemsMap)) item.document.title = 'Cached'
    writeFileSync(cacheFile, JSON.stringify(cache))
  }

  it('reuses posts whose files were touched but not changed, and compiles a post again when its text or an image beside it changed', async () => {
    const files = {
      'single.mdx': post('Single', 'Body text.'),
      'bundle/index.mdx': post('Bundle', '![A red square](./square.png)'),
      'bundle/square.png': await png('#ff0000'),
    }
    const folder = makeScratchProject(files)
    folders.push(folder)
    const build = () => expect(runContentBuild(folder).status).toBe(0)
    build()
    expect(readTitles(folder)).toEqual({ 'posts/single.mdx': 'Single', 'posts/bundle/index.mdx': 'Bundle' })

    // A fresh clone, or a CI run with the cache restored: every mtime is new, no content is.
    markCachedDocuments(folder)
    const later = new Date(Date.now() + 60_000)
    for (const name of Object.keys(files)) utimesSync(join(folder, 'content', 'posts', name), later, later)
    build()
    expect(readTitles(folder)).toEqual({ 'posts/single.mdx': 'Cached', 'posts/bundle/index.mdx': 'Cached' })

    // An edit to one post, and a new image beside the bundle's index.mdx, which itself is unchanged.
    writeFileSync(join(folder, 'content', 'posts', 'single.mdx'), post('Single', 'Body text, edited.'))
    writeFileSync(join(folder, 'content', 'posts', 'bundle', 'square.png'), await png('#0000ff'))
    build()
    expect(readTitles(folder)).toEqual({ 'posts/single.mdx': 'Single', 'posts/bundle/index.mdx': 'Bundle' })
  }, 240_000)

  it('compiles eight documents at once, however few the cores, so the main thread has work while one waits', () => {
    // A config of its own: each document's computed field waits 100 ms and notes how many are waiting with it.
    const posts = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`p${i}.md`, `---\ntitle: "Post ${i}"\n---\n\nBody.\n`]))
    const folder = makeScratchProject(posts)
    folders.push(folder)
    writeFileSync(
      join(folder, 'contentlayer.config.mjs'),
      `import { writeFileSync } from 'node:fs'
import { defineDocumentType, makeSource } from 'contentlayer2/source-files'
let waiting = 0
let most = 0
const Post = defineDocumentType(() => ({
  name: 'Post',
  filePathPattern: 'posts/*.md',
  contentType: 'markdown',
  fields: { title: { type: 'string', required: true } },
  computedFields: {
    waited: {
      type: 'number',
      resolve: async () => {
        most = Math.max(most, ++waiting)
        await new Promise((resolve) => setTimeout(resolve, 100))
        waiting--
        writeFileSync(${JSON.stringify(join(folder, 'most-at-once.txt'))}, String(most))
        return most
      },
    },
  },
}))
export default makeSource({ contentDirPath: 'content', documentTypes: [Post] })
`,
    )
    const { file, options } = contentlayerCommand(folder, 'build')
    const result = spawnSync(file, ['build', '--config', join(folder, 'contentlayer.config.mjs')], { ...options, stdio: 'ignore', timeout: 120_000 })
    expect(result.status).toBe(0)
    // Eight, or one per core where there are more (unpatched: one per core); twelve posts at most.
    expect(Number(readFileSync(join(folder, 'most-at-once.txt'), 'utf8'))).toBe(Math.min(12, Math.max(8, cpus().length)))
  }, 240_000)

  it('contentlayer2 dev writes an edited post first and its data cache after, outside the pass', async () => {
    const folder = makeScratchProject({ 'single.mdx': post('Single', 'Body text.') })
    folders.push(folder)
    const { file, args, options } = contentlayerCommand(folder, 'dev')
    const dev = spawn(file, args, { ...options, stdio: 'ignore', detached: true })
    const documentFile = join(folder, '.contentlayer', 'generated', 'Post', 'posts__single.mdx.json')
    const titleIn = (file: string | undefined, read: (json: string) => string) => {
      try {
        return file === undefined ? undefined : read(readFileSync(file, 'utf8'))
      } catch {
        return undefined // not written yet, or being written
      }
    }
    const documentTitle = () => titleIn(documentFile, (json) => (JSON.parse(json) as { title: string }).title)
    const cachedTitle = () =>
      titleIn(
        findCacheFile(folder),
        (json) => (JSON.parse(json) as { cacheItemsMap: Record<string, { document: { title: string } }> }).cacheItemsMap['posts/single.mdx']!.document.title,
      )
    const waitFor = async (what: string, done: () => boolean) => {
      for (const started = Date.now(); !done(); await new Promise((resolve) => setTimeout(resolve, 50)))
        if (Date.now() - started > 90_000) throw new Error(`contentlayer2 dev: no ${what} after 90 s`)
    }
    try {
      await waitFor('first pass', () => documentTitle() === 'Single' && cachedTitle() === 'Single')
      writeFileSync(join(folder, 'content', 'posts', 'single.mdx'), post('Edited', 'Body text, edited.'))
      await waitFor('edited document', () => documentTitle() === 'Edited')
      await waitFor('edited cache', () => cachedTitle() === 'Edited')
      // Unpatched, the pass wrote the whole cache first and the document after it.
      expect(statSync(findCacheFile(folder)!).mtimeMs).toBeGreaterThan(statSync(documentFile).mtimeMs)
    } finally {
      process.kill(-dev.pid!, 'SIGTERM')
    }
  }, 240_000)
})
