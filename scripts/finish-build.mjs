#!/usr/bin/env node
/**
 * The build's finishing step: `next build` has written the static export to .next-export/; this makes it
 * the production artifact and swaps it in as out/.
 *
 * 1. Pages lose the framework. No page needs JavaScript, yet Next puts its client runtime, the page's React
 *    Server Components payload (self.__next_f.push(...), the page again as escaped JSON) and their preloads
 *    in every page. Each page is parsed (rehype) and keeps, by allowlist, only JSON-LD, speculation rules
 *    and the scripts marked as ours (lib/inline-scripts.mjs); the RSC payload files and the framework's
 *    JavaScript are deleted. Anything else that would run fails the build.
 * 2. Processed images (lib/images.ts) that the pages and feeds refer to are copied in from the image cache.
 * 3. Alias pages: each old URL in _redirects also gets a page that refreshes to the new one, for static
 *    hosts that cannot redirect (both our servers and the _redirects-reading hosts answer a 301 first).
 * 4. Every local reference of every page (links, stylesheets, images, scripts) must resolve to a file.
 * 5. The search index: pagefind indexes the search records the export wrote (search-records.jsonl, which
 *    then goes) into pagefind/.
 * 6. _headers from lib/http-rules.mjs, and a .br and .gz beside each compressible file.
 * 7. The new site is written beside the old one (.builds/<id>/) and out/ (a symbolic link) is swapped to it
 *    with one rename, so a running server never sees a half-written site. The previous build is kept for
 *    the requests still reading it; older ones are removed.
 *
 * Steps 1, 5 and 6 depend only on the bytes they read and on this step's code, so their results are kept in a
 * content-addressed cache under the code's version (lib/build-cache.mjs, in .next/cache/finish-build/): a
 * rebuild redoes them for what changed, and all of them after a change to the code.
 *
 *   node scripts/finish-build.mjs            (npm run build runs it after next build)
 */
import {
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs'
import { randomBytes } from 'node:crypto'
import { rm } from 'node:fs/promises'
import { basename, dirname, join, relative, resolve } from 'node:path'
import { promisify } from 'node:util'
import { Worker } from 'node:worker_threads'
import { fileURLToPath } from 'node:url'
import { brotliCompress, constants as zlib, gzip } from 'node:zlib'
import rehypeParse from 'rehype-parse'
import rehypeStringify from 'rehype-stringify'
import { unified } from 'unified'
import { hashOf, openBuildCache } from '../lib/build-cache.mjs'
import { listFiles } from '../lib/export-files.mjs'
import { SEARCH_URL_PREFIX } from '../lib/search-index.mjs'
import { findProcessedImage, IMAGE_CACHE_DIR, IMAGE_URL_PREFIX, listImageUrls } from '../lib/image-files.mjs'
import { COMPRESSIBLE_EXTENSIONS, parseRedirects, renderHeadersFile } from '../lib/http-rules.mjs'
import { INLINE_SCRIPTS, OUR_SCRIPT_ATTRIBUTE } from '../lib/inline-scripts.mjs'
import { completeExportFromStore, RENDER_STORE } from '../lib/render-plan.mjs'
import { forEachLimited } from '../lib/run-limited.mjs'
import { NEXT_EXPORT_DIR } from '../next.config.mjs'

/** @typedef {import('hast').Root} Root */
/** @typedef {import('hast').Element} Element */
/** @typedef {import('hast').RootContent} Node */
/** @typedef {import('../lib/build-cache.mjs').BuildCache} BuildCache */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/** Script types that never execute, or that are ours by definition (their text must still be one of ours). */
const DATA_SCRIPT_TYPES = new Set(['application/ld+json'])
const SPECULATION_RULES_TYPE = 'speculationrules'

const parser = unified().use(rehypeParse)
const serializer = unified().use(rehypeStringify, { collapseEmptyAttributes: true, characterReferences: { useNamedReferences: true } })

/**
 * @param {Element} element
 * @param {string} name
 * @returns {string | undefined}
 */
function attribute(element, name) {
  const value = element.properties?.[name]
  if (value === undefined || value === null || value === false) return undefined
  return Array.isArray(value) ? value.join(' ') : String(value)
}

/** @param {Element} element */
function textOf(element) {
  return element.children.map((child) => (child.type === 'text' ? child.value : '')).join('')
}

/**
 * Whether a <script> stays: JSON-LD, our speculation rules, or a script marked as ours (inline: one of
 * INLINE_SCRIPTS exactly, so its hash is in the policy; external: a file of ours, never Next's).
 * Throws for a script marked as ours that breaks those rules: a page must never ship a script the policy refuses.
 * @param {Element} script
 * @param {string} page
 * @returns {boolean}
 */
export function isAllowedScript(script, page) {
  const type = attribute(script, 'type')?.toLowerCase()
  if (type && DATA_SCRIPT_TYPES.has(type)) return true
  const src = attribute(script, 'src')
  const text = textOf(script)
  const ours = type === SPECULATION_RULES_TYPE || attribute(script, 'dataBlogScript') !== undefined
  if (!ours) return false
  if (src !== undefined) {
    if (!src.startsWith('/') || src.startsWith('//') || src.startsWith('/_next/')) {
      throw new Error(`${page}: the script ${src} is marked ${OUR_SCRIPT_ATTRIBUTE} but is not a file of ours under public/.`)
    }
    return true
  }
  if (!INLINE_SCRIPTS.includes(text)) {
    throw new Error(
      `${page}: an inline script marked as ours is not one of lib/inline-scripts.mjs's INLINE_SCRIPTS, so the Content-Security-Policy would block it; add it there: ${text.slice(0, 80)}`,
    )
  }
  return true
}

/**
 * A <link> that only exists for Next's client: script preloads and module preloads.
 * @param {Element} link
 */
function isScriptPreload(link) {
  const rel = attribute(link, 'rel')?.toLowerCase() ?? ''
  if (/\bmodulepreload\b/.test(rel)) return true
  return /\bpreload\b/.test(rel) && (attribute(link, 'as') === 'script' || /\.m?js(\?|$)/.test(attribute(link, 'href') ?? ''))
}

/**
 * Whether a node is only React's hydration bookkeeping: comments (<!--$-->, <!-- -->) and the empty
 * hidden <div> Next streams metadata into.
 * @param {Node} node
 * @returns {boolean}
 */
function isHydrationResidue(node) {
  if (node.type === 'comment') return true
  if (node.type !== 'element' || node.tagName !== 'div' || attribute(node, 'hidden') === undefined) return false
  return node.children.every((child) => child.type === 'comment' || (child.type === 'text' && !child.value.trim()))
}

/**
 * @param {Root | Element} parent
 * @param {string} page
 */
function strip(parent, page) {
  parent.children = /** @type {typeof parent.children} */ (
    parent.children.filter((node) => {
      if (isHydrationResidue(node)) return false
      if (node.type !== 'element') return true
      if (node.tagName === 'script') return isAllowedScript(node, page)
      if (node.tagName === 'link' && isScriptPreload(node)) return false
      strip(node, page)
      return true
    })
  )
}

/**
 * Next's inline RSC payload scripts, `<script>self.__next_f.push(…)</script>` and the one that creates the
 * array: three fifths of a post page's bytes, and most of the parser's time. They are cut before parsing;
 * the element ends at its first `</script>`, exactly where the HTML tokenizer ends script data (the payload
 * escapes `<` as \u003c). Whatever this misses, the allowlist below still removes.
 */
const RSC_PAYLOAD_SCRIPT = /<script>\(?self\.__next_f\b[^]*?<\/script>/g

/**
 * The page without Next's runtime, RSC payload, script preloads and hydration markers (everything a reader
 * sees is unchanged), and the site-local paths the lean page refers to, from the same parse. `page` names the
 * file in error messages.
 * @param {string} html
 * @param {string} page
 * @returns {{ html: string; references: string[] }}
 */
export function leanPage(html, page) {
  const tree = /** @type {Root} */ (parser.parse(html.replace(RSC_PAYLOAD_SCRIPT, '')))
  strip(tree, page)
  return { html: serializer.stringify(tree), references: collectReferences(tree) }
}

/**
 * The page without the framework (leanPage), as HTML.
 * @param {string} html
 * @param {string} page
 * @returns {string}
 */
export function leanHtml(html, page) {
  return leanPage(html, page).html
}

/**
 * Every site-local path a page refers to (href, src, srcset), without query or fragment.
 * @param {string} html
 * @returns {string[]}
 */
export function listLocalReferences(html) {
  return collectReferences(/** @type {Root} */ (parser.parse(html)))
}

/**
 * @param {Root | Element} parent
 * @param {string[]} [found]
 * @returns {string[]}
 */
function collectReferences(parent, found = []) {
  for (const node of parent.children) {
    if (node.type !== 'element') continue
    const urls = [
      attribute(node, 'href'),
      attribute(node, 'src'),
      ...(attribute(node, 'srcSet')
        ?.split(',')
        .map((part) => part.trim().split(/\s+/)[0]) ?? []),
    ]
    for (const url of urls) if (url?.startsWith('/') && !url.startsWith('//')) found.push(url.replace(/[?#].*$/, ''))
    collectReferences(node, found)
  }
  return found
}

/**
 * Whether the export deletes this file: the RSC payloads (.txt, robots.txt aside), Next's JavaScript and
 * source maps, and the two copies of the 404 page that only error_page should show (404.html stays).
 * @param {string} file
 */
export function isFrameworkFile(file) {
  if (file.endsWith('.txt')) return file !== 'robots.txt'
  if (file.startsWith('_next/') && /\.(m?js|map)$/.test(file)) return true
  return file.startsWith('404/') || file.startsWith('_not-found/')
}

/** @param {string} text */
const escapeAttribute = (text) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')

/**
 * The page left at an old URL, as Hugo's alias pages are: a refresh to the new one and a canonical link.
 * @param {string} to
 */
export function renderAliasPage(to) {
  const target = escapeAttribute(to)
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${target}</title><link rel="canonical" href="${target}"><meta name="robots" content="noindex"><meta http-equiv="refresh" content="0; url=${target}"></head><body><p>This page has moved to <a href="${target}">${target}</a>.</p></body></html>\n`
}

/**
 * @param {string} site
 * @param {Map<string, string>} redirects
 */
function writeAliasPages(site, redirects) {
  for (const [from, to] of redirects) {
    if (!from.endsWith('/')) continue // the same alias without its slash
    const file = join(site, from, 'index.html')
    if (existsSync(file)) throw new Error(`Alias ${from} would overwrite a page of the export (${file}); remove the alias.`)
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, renderAliasPage(to))
  }
}

/**
 * Paths the pages refer to that no file (and no redirect) answers; empty when the export is whole.
 * @param {string} site
 * @param {Map<string, string[]>} referencesByPage each page's references, as leanPage found them
 * @param {Map<string, string>} redirects
 * @returns {string[]}
 */
function findBrokenReferences(site, referencesByPage, redirects) {
  const files = new Set(listFiles(site).map((file) => `/${file}`))
  const problems = []
  for (const [page, references] of referencesByPage) {
    for (const raw of new Set(references)) {
      let path
      try {
        path = decodeURI(raw)
      } catch {
        problems.push(`${page}: ${raw} is not a valid URL`)
        continue
      }
      if (files.has(path) || files.has(`${path.endsWith('/') ? path : `${path}/`}index.html`) || redirects.has(path)) continue
      problems.push(`${page}: ${raw} is not in the export`)
    }
  }
  return problems
}

/**
 * Copies into the site every processed image (lib/images.ts wrote them to the cache) that a page, feed or
 * JSON file refers to, share images in <meta> and feeds' absolute URLs included: exactly what ships, so a
 * draft's images never do. Returns the URLs the cache lacks.
 * @param {string} site
 * @param {string} cacheDir
 * @returns {string[]}
 */
function copyProcessedImages(site, cacheDir) {
  // Read as Latin-1: image URLs are ASCII, which Latin-1 keeps, and decoding UTF-8 was four fifths of this
  // step (at 1,000 posts 0.9 of 1.1 s, for feeds of some 150 MB).
  const urls = new Set(
    listFiles(site)
      .filter((file) => /\.(html|xml|json)$/.test(file))
      .flatMap((file) => listImageUrls(readFileSync(join(site, file), 'latin1'))),
  )
  const missing = []
  for (const url of urls) {
    const found = findProcessedImage(url.slice(IMAGE_URL_PREFIX.length), cacheDir)
    if (!found) {
      missing.push(url)
      continue
    }
    mkdirSync(dirname(join(site, url)), { recursive: true })
    copyFileSync(found.path, join(site, url))
  }
  return missing
}

const gzipAsync = promisify(gzip)

/**
 * Measured on the 13-post export's 124 text files: quality 11 took 22 s (690,902 bytes; about 100 ms a
 * 25 KB page, 6 minutes of a 1,000-post build), quality 6 took 0.6 s (790,620 bytes, 14 % more).
 */
const BROTLI_QUALITY = 6
const brotliAsync = promisify(brotliCompress)

/** The two encodings written beside each file, and how each is made. */
const ENCODINGS = /** @type {const} */ ([
  [
    'br',
    (/** @type {Buffer} */ body) => brotliAsync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } }),
  ],
  ['gz', (/** @type {Buffer} */ body) => gzipAsync(body, { level: 9 })],
])

/**
 * Writes file.br and file.gz beside each compressible file, where they are smaller: both servers send those
 * as they are (nginx gzip_static and brotli_static), so nothing is compressed at request time. A file whose
 * bytes an earlier build compressed takes that build's result from the cache (an empty entry: not smaller),
 * linked rather than copied: at 1,000 posts that is some 6,000 files a build.
 * @param {string} site
 * @param {string[]} files
 * @param {BuildCache} cache
 */
async function precompress(site, files, cache) {
  const compressible = files.filter((file) => COMPRESSIBLE_EXTENSIONS.includes(file.slice(file.lastIndexOf('.') + 1)))
  // zlib's async calls run on libuv's thread pool: a few at a time keep every core busy.
  await forEachLimited(compressible, 4, async (name) => {
    const file = join(site, name)
    const body = readFileSync(file)
    const key = hashOf(body)
    for (const [extension, compress] of ENCODINGS) {
      const entry = `${key}.${extension}`
      if (cache.link(entry, `${file}.${extension}`)) continue
      const made = await compress(body)
      const encoded = made.length < body.length ? made : Buffer.alloc(0)
      cache.write(entry, encoded, encoded.length > 0 ? `${file}.${extension}` : undefined)
    }
  })
}

/**
 * Points the link `out` at `target` with one rename, so readers of out/ see the old site or the new one,
 * never a mix. An out/ left as a real folder (by an older build) is removed first.
 * @param {string} out
 * @param {string} target
 * @returns {string | undefined} the build out/ pointed to before, if any
 */
export function swapLink(out, target) {
  const previous = readLinkTarget(out)
  if (!previous && existsSync(out)) rmSync(out, { recursive: true, force: true })
  const staged = `${out}.swap`
  if (isLink(staged)) unlinkSync(staged)
  symlinkSync(relative(dirname(out), target), staged, 'dir')
  renameSync(staged, out)
  return previous
}

/**
 * The folder a symbolic link points to, or undefined when `path` is no link.
 * @param {string} path
 */
function readLinkTarget(path) {
  return isLink(path) ? resolve(dirname(path), readlinkSync(path)) : undefined
}

/** @param {string} path */
function isLink(path) {
  try {
    return lstatSync(path).isSymbolicLink()
  } catch {
    return false
  }
}

/**
 * Replaces every page of the export with its lean version (leanPage) and returns the site paths each refers to.
 * A lean page is kept in the cache by the bytes Next wrote, and linked from there when a build meets those
 * bytes again: after one edit that is nearly every page, so most pages are read and hashed, never parsed or
 * written. The others are parsed on this thread and, when there are many of them (a cold build, a change to
 * the code), on a second one too: at 1,000 posts parsing 1,551 pages took 9 s on one core while the other,
 * once pagefind was done, waited.
 * @param {string} site
 * @param {string[]} pages the pages' paths in the site
 * @param {BuildCache} cache
 * @returns {Promise<{ referencesByPage: Map<string, string[]>; parsed: number; parsedInThread: number }>}
 */
async function makePagesLean(site, pages, cache) {
  /** @type {Map<string, string[]>} */
  const referencesByPage = new Map()
  /** @type {{ page: string; key: string }[]} */
  const toParse = []
  for (const page of pages) {
    const file = join(site, page)
    const raw = readFileSync(file)
    const key = hashOf(raw)
    const references = cache.read(`${key}.references.json`)
    if (references) {
      // Replaced, not written in place: a page carried over is a link to the store's copy (lib/render-plan.mjs).
      unlinkSync(file)
      if (cache.link(`${key}.lean.html`, file) === 'linked') {
        referencesByPage.set(page, JSON.parse(references.toString('utf8')))
        continue
      }
      writeFileSync(file, raw)
    }
    // Read again when parsed rather than kept: a cold build at 5,000 posts has some 7,600 pages to parse.
    toParse.push({ page, key })
  }
  /** @param {{ page: string; key: string }} item @param {{ html: string; references: string[] }} lean */
  const store = ({ page, key }, lean) => {
    const file = join(site, page)
    unlinkSync(file)
    cache.write(`${key}.lean.html`, lean.html, file)
    cache.write(`${key}.references.json`, JSON.stringify(lean.references))
    referencesByPage.set(page, lean.references)
  }
  let next = 0
  const take = () => (next < toParse.length ? toParse[next++] : undefined)
  const helper = toParse.length >= PAGES_WORTH_A_THREAD ? leanPagesInThread(site, take, store) : undefined
  try {
    for (let item = take(); item; item = take()) {
      store(item, leanPage(readFileSync(join(site, item.page), 'utf8'), item.page))
      // Lets the helper's answers in between pages.
      await new Promise((resolve) => setImmediate(resolve))
    }
    await helper?.done
  } finally {
    await helper?.stop()
  }
  return { referencesByPage, parsed: toParse.length, parsedInThread: helper?.answered() ?? 0 }
}

/**
 * Below this many pages to parse, a second thread costs more to start (it loads the parser) than it saves:
 * a page takes about 6 ms.
 */
const PAGES_WORTH_A_THREAD = 100

/**
 * Parses pages in a worker thread (scripts/lean-page-worker.mjs), taking them from the same queue as the
 * main thread, two at a time so that it never waits for the next.
 * @param {string} site
 * @param {() => { page: string; key: string } | undefined} take
 * @param {(item: { page: string; key: string }, lean: { html: string; references: string[] }) => void} store
 * @returns {{ done: Promise<void>; stop: () => Promise<unknown>; answered: () => number }}
 */
function leanPagesInThread(site, take, store) {
  const worker = new Worker(new URL('./lean-page-worker.mjs', import.meta.url))
  /** @type {Map<string, { page: string; key: string }>} */
  const inFlight = new Map()
  let answered = 0
  const send = () => {
    const item = take()
    if (!item) return
    inFlight.set(item.page, item)
    worker.postMessage({ file: join(site, item.page), page: item.page })
  }
  /** @type {Promise<void>} */
  const done = new Promise((resolve, reject) => {
    worker.on('message', (/** @type {{ page: string; html?: string; references?: string[]; error?: string }} */ answer) => {
      const item = inFlight.get(answer.page)
      inFlight.delete(answer.page)
      if (answer.error !== undefined || !item || answer.html === undefined || !answer.references) {
        reject(new Error(answer.error ?? `The page thread answered for ${answer.page}, which it was not given.`))
        return
      }
      store(item, { html: answer.html, references: answer.references })
      answered++
      send()
      if (inFlight.size === 0) resolve()
    })
    worker.once('error', reject)
    worker.once('exit', (code) => reject(new Error(`The page thread stopped (exit code ${code}) with ${inFlight.size} pages unanswered.`)))
  })
  // Awaited once this thread's share is done; a failure before then is the one to report.
  done.catch(() => {})
  send()
  send()
  return { done, stop: () => worker.terminate(), answered: () => answered }
}

/**
 * The version of the finishing step's code, for its cache (lib/build-cache.mjs): a cached result depends on
 * the code that made it (what leanPage keeps, the compression levels, pagefind's options) as much as on the
 * bytes it was made from. This script and its threads, every .mjs module under lib/ (all it can
 * import), next.config.mjs, the locked dependencies (rehype, pagefind) and Node's version (zlib).
 * @param {string} root the project
 * @returns {string}
 */
export function finishStepVersion(root) {
  const modules = readdirSync(join(root, 'lib'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.mjs'))
    .map((file) => join('lib', file))
  const threads = ['scripts/search-index-worker.mjs', 'scripts/lean-page-worker.mjs']
  const files = ['scripts/finish-build.mjs', ...threads, 'next.config.mjs', 'package-lock.json', ...modules].sort()
  const parts = files.map((file) => `${file}\0${hashOf(readFileSync(join(root, file)))}`)
  return hashOf(`${parts.join('\n')}\nnode ${process.version}`).slice(0, 16)
}

/** The records app/search-records.jsonl/route.build.ts exported: read, then removed, since it never ships. */
const SEARCH_RECORDS_FILE = 'search-records.jsonl'

/**
 * Starts indexing the exported search records with pagefind and removes the records; the promise gives the
 * index's files. The index is built in a worker thread (scripts/search-index-worker.mjs), so the rest of the
 * step goes on meanwhile. The same records as an earlier build of the same code take that build's index from
 * the cache.
 * @param {string} site
 * @param {BuildCache} cache
 * @returns {{ files: Promise<[string, string][]>; stop: () => Promise<unknown> }} files: path and base64 bytes
 *   of each file of the bundle; stop: ends the indexing (a step that failed does not wait for it)
 */
function startSearchIndex(site, cache) {
  const recordsFile = join(site, SEARCH_RECORDS_FILE)
  if (!existsSync(recordsFile)) throw new Error(`${SEARCH_RECORDS_FILE} is missing from the export: app/search-records.jsonl/route.build.ts writes it.`)
  // Bytes, never a string: decoded whole, 59 MB of records at 5,000 posts was a 118 MB string (one character
  // outside Latin-1 makes V8 store all of them in two bytes), copied again into the thread.
  const records = readFileSync(recordsFile)
  rmSync(recordsFile)
  // Keyed by the records alone: the cache's version covers pagefind's (the lock file) and its options (this code).
  const entry = `${hashOf(records)}.search.json`
  const cached = cache.read(entry)
  if (cached) return { files: Promise.resolve(JSON.parse(cached.toString('utf8'))), stop: () => Promise.resolve() }
  const worker = new Worker(new URL('./search-index-worker.mjs', import.meta.url), { workerData: records })
  /** @type {Promise<[string, string][]>} */
  const files = new Promise((resolve, reject) => {
    worker.once('message', (/** @type {[string, string][]} */ bundle) => {
      cache.write(entry, JSON.stringify(bundle))
      resolve(bundle)
    })
    worker.once('error', reject)
    worker.once('exit', (code) => reject(new Error(`Search index: the indexing thread stopped (exit code ${code}) without an index.`)))
  })
  // Awaited later; a failure before then is the one to report.
  files.catch(() => {})
  return { files, stop: () => worker.terminate() }
}

/**
 * Writes the search index's files into the site's pagefind/ folder.
 * @param {string} site
 * @param {[string, string][]} files
 * @returns {string[]} the files written, relative to `site` (as listFiles names them)
 */
function writeSearchIndex(site, files) {
  return files.map(([path, base64]) => {
    const name = join(SEARCH_URL_PREFIX, path).slice(1)
    const file = join(site, name)
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, Buffer.from(base64, 'base64'))
    return name
  })
}

/**
 * Turns Next's export in `exportDir` into the production site and swaps it in at `out`. `cacheDir` keeps the
 * work a rebuild can reuse (by default .next/cache/finish-build beside the builds folder); `renderStore` holds
 * pages as Next wrote them, for the builds that render only what changed (lib/render-plan.mjs); `version`
 * names the code its cached results were made by (finishStepVersion).
 * @param {{ exportDir: string; out: string; buildsDir: string; imageCacheDir?: string; cacheDir?: string; renderStore?: string; version?: string; log?: (line: string) => void }} options
 */
export async function finishBuild({
  exportDir,
  out,
  buildsDir,
  imageCacheDir = IMAGE_CACHE_DIR,
  cacheDir = join(dirname(buildsDir), '.next', 'cache', 'finish-build'),
  renderStore = join(dirname(buildsDir), RENDER_STORE),
  version = finishStepVersion(ROOT),
  log = console.log,
}) {
  if (!existsSync(join(exportDir, 'index.html'))) throw new Error(`${exportDir}/index.html is missing: run next build first (npm run build does both).`)
  const cache = openBuildCache(cacheDir, version)
  // pagefind indexes in a thread of its own while the rest of this step runs; a failure below stops it.
  const searchIndex = startSearchIndex(exportDir, cache)
  try {
    // So that everything below sees the whole export, whichever pages Next rendered this time.
    const carried = completeExportFromStore({ exportDir, storeDir: renderStore })
    mkdirSync(buildsDir, { recursive: true })
    const site = join(buildsDir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}`)
    renameSync(exportDir, site)
    // Builds before the one out/ points to serve nothing any more: they go while this one is made.
    const current = readLinkTarget(out)
    const removals = readdirSync(buildsDir)
      .map((name) => join(buildsDir, name))
      .filter((build) => build !== site && build !== current)
      .map((build) => rm(build, { recursive: true, force: true }))

    let removed = 0
    for (const file of listFiles(site)) {
      if (isFrameworkFile(file)) {
        rmSync(join(site, file))
        removed++
      }
    }
    for (const folder of ['404', '_not-found']) rmSync(join(site, folder), { recursive: true, force: true })
    removeEmptyFolders(site)

    const pages = listFiles(site).filter((file) => file.endsWith('.html'))
    const { referencesByPage, parsed, parsedInThread } = await makePagesLean(site, pages, cache)

    const missingImages = copyProcessedImages(site, imageCacheDir)
    if (missingImages.length > 0) {
      throw new Error(
        `Processed images missing from ${imageCacheDir} (${missingImages.join(', ')}): delete .contentlayer and run \`npx contentlayer2 build\` again.`,
      )
    }

    const redirectsFile = join(site, '_redirects')
    const redirects = parseRedirects(existsSync(redirectsFile) ? readFileSync(redirectsFile, 'utf8') : '')
    const broken = findBrokenReferences(site, referencesByPage, redirects)
    if (broken.length > 0) throw new Error(`The export refers to files it does not have (${broken.length}):\n  ${broken.join('\n  ')}`)
    writeAliasPages(site, redirects)
    writeFileSync(join(site, '_headers'), renderHeadersFile())
    // Everything but the search index is compressed while pagefind still indexes: after one edit that is
    // nearly all hashing and linking from the cache, done on a thread that would otherwise wait.
    await precompress(site, listFiles(site), cache)
    await precompress(site, writeSearchIndex(site, await searchIndex.files), cache)
    cache.prune()
    swapLink(out, site)
    await Promise.all(removals)
    const { hits, misses } = cache.stats()
    log(
      `Finished ${pages.length} pages${carried ? ` (of the post and listing pages and cards, ${carried.rendered} rendered, ${carried.carried} carried over)` : ''}: removed ${removed} framework files; ${parsed} pages parsed (${parsedInThread} on a second thread); ${hits} of ${hits + misses} results from the cache; ${basename(out)}/ is now ${relative(dirname(out), site)}`,
    )
  } finally {
    await searchIndex.stop()
  }
}

/** @param {string} folder */
function removeEmptyFolders(folder) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.isDirectory()) removeEmptyFolders(join(folder, entry.name))
  }
  if (readdirSync(folder).length === 0) rmSync(folder, { recursive: true })
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    await finishBuild({ exportDir: join(ROOT, NEXT_EXPORT_DIR), out: join(ROOT, 'out'), buildsDir: join(ROOT, '.builds') })
  } catch (error) {
    console.error(`Finishing the build failed: ${error instanceof Error ? error.message : String(error)}`)
    process.exitCode = 1
  }
}
