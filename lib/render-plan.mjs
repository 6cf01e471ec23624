/**
 * Which pages a build renders, and which it carries over from the last build.
 *
 * A static export renders every page on every build: at 1,000 posts an edit to one post cost a whole
 * `next build` (about 2,750 pages, share cards and feeds). But most of them cannot have changed:
 *
 * - a post page and its share card are a function of the code, that post, and what pages show of the other
 *   posts (its neighbours and related posts);
 * - a listing page (home and tag pages after the first, years, months) and a tag's share card are a function
 *   of the code and what lists show of the posts: everything but the bodies;
 * - a tag's feeds are a function of the code and that tag's posts, bodies included.
 *
 * So a build has three keys: the code key (every file of the project that is not a post, and the environment
 * the pages read), the listing key (the posts as lists show them) and each post's page key (its whole
 * document). When the code and listing keys equal those of the last finished build, the dynamic routes
 * render only the files whose key changed (at least one each: an export cannot have a route without pages),
 * and the finishing step copies the others, as Next wrote them, from the store (.next/cache/rendered-pages/).
 * Any other change renders everything. The site's own feeds, the sitemap and the search records hold every
 * post: they are always rendered.
 *
 * Both sides use this module: the routes' generateStaticParams (through lib/posts.ts) plan and write the
 * plan; scripts/finish-build.mjs completes the export from the store and stores what was rendered.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, sep } from 'node:path'
import { hashOf, linkOrCopy } from './build-cache.mjs'

/** The store of pages as Next wrote them, relative to the project: a cache, safe to delete. */
export const RENDER_STORE = join('.next', 'cache', 'rendered-pages')

/** What pages render from besides content/posts, relative to the project root. */
const CODE_INPUTS = ['app', 'lib', 'public', 'patches', 'contentlayer.config.ts', 'next.config.mjs', 'tsconfig.json', 'package-lock.json']

/**
 * The environment the pages read (lib/site.ts, lib/feed.ts, lib/posts.ts). BLOG_NOW acts through the published
 * posts (the listing key), and NEXT_PHASE is the same in every build; render-plan.test.mjs fails on any other.
 */
export const CODE_ENV = ['SITE_URL', 'FEED_ITEM_LIMIT', 'FEED_FULL_CONTENT_ITEMS', 'CONTENT_DIR', 'NODE_ENV']

/**
 * @typedef {{ codeKey: string; listingKey: string; files: Record<string, string> }} RenderKeys
 *   a build's keys: code, listings, and each file a build may carry (a site path, as "/2025/04/slug/index.html")
 *   with its own key ("" for a listing page: the listing key is its key)
 */

/**
 * The key of everything but the posts: the files the pages are built from and the environment they read.
 * @param {string} root the project
 * @param {string} contentDir the content folder, relative to root or absolute; its files outside posts/ count as code
 * @param {Record<string, string | undefined>} [env]
 * @returns {string}
 */
export function computeCodeKey(root, contentDir, env = process.env) {
  const contentRoot = join(root, contentDir)
  const files = [...CODE_INPUTS.map((input) => join(root, input)), contentRoot]
    .flatMap((path) => listInputFiles(path))
    .filter((path) => !relative(contentRoot, path).startsWith(`posts${sep}`))
    .sort()
  const parts = files.map((path) => `${relative(root, path)}\0${hashOf(readFileSync(path))}`)
  for (const name of CODE_ENV) parts.push(`${name}=${env[name] ?? ''}`)
  return hashOf(parts.join('\n'))
}

/**
 * @param {string} path a file or folder
 * @returns {string[]} the file, or every file under the folder; nothing when it does not exist
 */
function listInputFiles(path) {
  let stats
  try {
    stats = statSync(path)
  } catch {
    return []
  }
  if (!stats.isDirectory()) return [path]
  return readdirSync(path, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && !entry.name.endsWith('.tsbuildinfo'))
    .map((entry) => join(entry.parentPath, entry.name))
}

/**
 * The files this build must render: all of them unless the store was written with the same code and listing
 * keys; then those whose key changed or that the store lacks.
 * @param {RenderKeys | undefined} stored the store's manifest
 * @param {RenderKeys} current this build's keys
 * @param {(file: string) => boolean} isStored whether the store holds this file
 * @returns {Set<string>}
 */
export function selectFilesToRender(stored, current, isStored) {
  const files = Object.keys(current.files)
  if (!stored || stored.codeKey !== current.codeKey || stored.listingKey !== current.listingKey) return new Set(files)
  return new Set(files.filter((file) => stored.files[file] !== current.files[file] || !isStored(file)))
}

/**
 * Plans this build against the store and writes the plan (this build's keys) there for the finishing step.
 * Every prerender worker calls it with the same inputs and writes the same plan. Returns the files to render.
 * @param {string} storeDir
 * @param {RenderKeys} current
 * @returns {Set<string>}
 */
export function planRendering(storeDir, current) {
  const render = selectFilesToRender(readJson(join(storeDir, MANIFEST)), current, (file) => existsSync(join(storeDir, 'files', file)))
  mkdirSync(storeDir, { recursive: true })
  const staged = join(storeDir, `${PLAN}.${process.pid}`)
  writeFileSync(staged, JSON.stringify(current))
  renameSync(staged, join(storeDir, PLAN))
  return render
}

const PLAN = 'plan.json'
const MANIFEST = 'manifest.json'

/**
 * The params of a dynamic route this build renders: those whose file is planned (all of them outside a
 * production build, `render` undefined), and at least the first, since an export fails on a route without pages.
 * @template T
 * @param {readonly T[]} params
 * @param {(params: T) => string} fileOf the file the route writes for these params
 * @param {ReadonlySet<string> | undefined} render
 * @returns {T[]}
 */
export function selectParamsToRender(params, fileOf, render) {
  if (!render) return [...params]
  const selected = params.filter((item) => render.has(fileOf(item)))
  return selected.length > 0 || params.length === 0 ? selected : params.slice(0, 1)
}

/**
 * Completes Next's export from the store with every planned file it lacks, stores the planned files Next
 * wrote, and makes the plan the store's manifest. Returns how many files each way; undefined when `next build`
 * wrote no plan (then the store is emptied, so that the next build renders everything).
 * @param {{ exportDir: string; storeDir: string }} options
 * @returns {{ carried: number; rendered: number } | undefined}
 */
export function completeExportFromStore({ exportDir, storeDir }) {
  /** @type {RenderKeys | undefined} */
  const plan = readJson(join(storeDir, PLAN))
  /** @type {RenderKeys | undefined} */
  const stored = readJson(join(storeDir, MANIFEST))
  if (!plan) {
    rmSync(storeDir, { recursive: true, force: true })
    return undefined
  }
  const filesDir = join(storeDir, 'files')
  const isStored = (/** @type {string} */ file) => existsSync(join(filesDir, file))
  const unwritten = [...selectFilesToRender(stored, plan, isStored)].filter((file) => !existsSync(join(exportDir, file)))
  if (unwritten.length > 0) {
    throw new Error(
      `next build did not write ${unwritten.length} planned files: ${unwritten.slice(0, 5).join(', ')}; build again, and delete ${storeDir} if this repeats.`,
    )
  }
  /** @type {string[]} */
  const written = []
  /** @type {string[]} */
  const carried = []
  for (const file of Object.keys(plan.files)) (existsSync(join(exportDir, file)) ? written : carried).push(file)
  // Carried files are not in the export (that is what makes them carried): linked in, each folder made once.
  const folders = new Set()
  for (const file of carried) {
    if (!isStored(file)) throw new Error(`${file} was not rendered and the store lacks it: delete ${storeDir} and build again.`)
    const target = join(exportDir, file)
    const folder = dirname(target)
    if (!folders.has(folder)) {
      mkdirSync(folder, { recursive: true })
      folders.add(folder)
    }
    linkOrCopy(join(filesDir, file), target)
  }
  // The manifest goes first: a store interrupted below is then one that no plan trusts.
  rmSync(join(storeDir, MANIFEST), { force: true })
  const isCurrent = (/** @type {string} */ file) =>
    stored?.codeKey === plan.codeKey && stored.listingKey === plan.listingKey && stored.files[file] === plan.files[file] && isStored(file)
  for (const file of written) if (!isCurrent(file)) linkInto(join(exportDir, file), join(filesDir, file))
  removeUnplanned(filesDir, new Set(Object.keys(plan.files)))
  writeFileSync(join(storeDir, MANIFEST), JSON.stringify(plan))
  rmSync(join(storeDir, PLAN))
  return { carried: carried.length, rendered: written.length }
}

/**
 * Removes the stored files that are no longer planned (a post unpublished, a listing page gone).
 * @param {string} filesDir
 * @param {Set<string>} planned
 * @param {string} [folder]
 */
function removeUnplanned(filesDir, planned, folder = filesDir) {
  if (!existsSync(folder)) return
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name)
    if (entry.isDirectory()) removeUnplanned(filesDir, planned, path)
    else if (!planned.has(`/${relative(filesDir, path).split(sep).join('/')}`)) rmSync(path)
  }
  if (folder !== filesDir && readdirSync(folder).length === 0) rmSync(folder, { recursive: true })
}

/**
 * Links a file between the store and the export, replacing what is there, for thousands of files a build.
 * The finishing step never writes to an export file in place (it replaces a page it makes lean), so a page
 * stays in the store as Next wrote it.
 * @param {string} from
 * @param {string} to
 */
function linkInto(from, to) {
  mkdirSync(dirname(to), { recursive: true })
  rmSync(to, { force: true })
  linkOrCopy(from, to)
}

/**
 * @param {string} file
 * @returns {any}
 */
function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    return undefined
  }
}
