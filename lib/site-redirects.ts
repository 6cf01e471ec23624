/**
 * content/redirects.txt: the site's own redirects, for old URLs that belong to no post (a migrated site's
 * category pages, a renamed tag, a bundle's old image URLs). One "old-path new-path" a line, # comments.
 * lib/content-check.ts checks the file before anything is compiled, lib/posts.ts merges it into the site's
 * redirects, and the import from Hugo appends to it: all three read it with these functions.
 * Pure but for the two readers at the end, and free of content imports, so contentlayer.config.ts can use it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { site } from './site'
import { feedPath, FEED_FILES, FEED_FORMATS, monthPath, tagPath, yearPath } from './urls'

/** The file's name inside the content folder. */
export const REDIRECTS_FILE = 'redirects.txt'

/** One redirect of the file: its line (1-based), the old path and the new one, both normalised. */
export type RedirectLine = { line: number; from: string; to: string }

/** A problem on one line of the file. */
export type RedirectProblem = { line: number; message: string }

const FEED_NAMES = Object.values(FEED_FILES)
/** Files and pages every build has, whatever the posts. */
const FIXED_PATHS = [
  '/',
  '/posts/',
  '/tags/',
  '/search/',
  ...FEED_NAMES.map((name) => `/${name}`),
  ...FEED_NAMES.map((name) => `/posts/${name}`),
  '/tags/index.xml',
  '/sitemap.xml',
  '/robots.txt',
  '/manifest.webmanifest',
  '/og.png',
  '/favicon.ico',
  '/icon.svg',
  '/apple-icon.png',
]
/** Folders the build fills with files of its own (processed images, KaTeX, the search index, Next's assets). */
const BUILD_FOLDERS = ['/img/', '/katex/', '/pagefind/', '/_next/']
const BUILD_FILES = ['/_redirects', '/_headers', '/404.html']

/** What a published post contributes to the site's URLs. */
export type SitePost = { url: string; tagSlugs: readonly string[]; postDate: { year: number; month: number } }

/** The URL space redirects are checked against: what the site serves, and the old paths posts already claim. */
export type RedirectContext = {
  /** Every page, feed and file the build serves at a fixed path (listing pages after the first excepted). */
  paths: ReadonlySet<string>
  /** Tag slugs with a page, whose /tags/<tag>/page/N/ the site's pager owns. */
  tags: ReadonlySet<string>
  /** Each post alias with the post's file and permalink. */
  aliases: ReadonlyMap<string, { file: string; url: string }>
}

/** Every file under public/ as the path the site serves it at ("/images/x.png"); empty without the folder. */
export function listPublicPaths(publicDir: string): string[] {
  if (!existsSync(publicDir)) return []
  const walk = (dir: string, prefix: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? walk(join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
    )
  return walk(publicDir, '/')
}

/**
 * The context for checking redirects against these published posts and public/ files: their permalinks
 * and share images, tag pages and feeds, year and month listings, and the fixed pages and feeds.
 */
export function buildRedirectContext(
  posts: readonly SitePost[],
  aliases: readonly { alias: string; file: string; url: string }[],
  publicPaths: readonly string[],
): RedirectContext {
  const paths = new Set<string>([...FIXED_PATHS, ...BUILD_FILES, ...publicPaths])
  const tags = new Set<string>()
  for (const post of posts) {
    paths.add(post.url).add(`${post.url}og.png`)
    paths.add(yearPath(post.postDate.year)).add(monthPath(post.postDate.year, post.postDate.month))
    for (const tag of post.tagSlugs) tags.add(tag)
  }
  for (const tag of tags) {
    paths.add(tagPath(tag)).add(`${tagPath(tag)}og.png`)
    for (const format of FEED_FORMATS) paths.add(feedPath(tagPath(tag), format))
  }
  return { paths, tags, aliases: new Map(aliases.map(({ alias, file, url }) => [alias, { file, url }])) }
}

/**
 * "/old/path" -> "/old/path/" (a path whose last segment has no dot is a page, which ends with a slash);
 * "/a/photo.png" stays. Percent-escapes are decoded, as both servers match decoded paths. An http(s) URL is
 * read as its path when `anySite` (old URLs may name the old host), else only on this site. Returns the path,
 * or what is wrong with it.
 */
export function normaliseRedirectPath(raw: string, anySite: boolean): { path: string } | { problem: string } {
  let path = raw
  if (/^https?:\/\//i.test(raw)) {
    let url: URL
    try {
      url = new URL(raw)
    } catch {
      return { problem: `"${raw}" is not a URL` }
    }
    if (!anySite && url.origin !== new URL(site.url).origin) {
      return { problem: `"${raw}" is on another site; a redirect can only lead to a path of this site (${site.url}/…)` }
    }
    if (url.search || url.hash) return { problem: `"${raw}" has a query or a fragment; write the path alone` }
    path = url.pathname
  }
  if (!path.startsWith('/')) return { problem: `"${raw}" is not a site path; write it from the site root, like /old/path/` }
  if (/[?#]/.test(path)) return { problem: `"${raw}" has a query or a fragment; write the path alone` }
  try {
    path = decodeURIComponent(path)
  } catch {
    return { problem: `"${raw}" has a broken percent-escape` }
  }
  if (/\/\/|\/\.\.?(\/|$)|[\s\u0000]/.test(path)) return { problem: `"${raw}" has an empty, "." or ".." segment or a space; write a plain path` }
  const last = path.slice(path.lastIndexOf('/') + 1)
  return { path: last && !last.includes('.') ? `${path}/` : path }
}

/** The listing page a pager path belongs to: "/tags/go/page/3/" -> "/tags/go/"; undefined for other paths. */
function matchPagerPage(path: string, tags: ReadonlySet<string>): string | undefined {
  const match = /^(\/|\/posts\/|\/tags\/([^/]+)\/)page\/\d+\/$/.exec(path)
  if (!match) return undefined
  if (match[2] !== undefined && !tags.has(match[2])) return undefined
  return match[1]
}

/** Reads the file's lines: each "old new" pair normalised, and a problem for every line that is not one. */
export function parseRedirectLines(text: string): { lines: RedirectLine[]; problems: RedirectProblem[] } {
  const lines: RedirectLine[] = []
  const problems: RedirectProblem[] = []
  text.split('\n').forEach((raw, index) => {
    const line = index + 1
    // A # starts a comment at the start of a line or after a space; paths cannot hold one.
    const fields = raw
      .replace(/(^|\s)#.*$/, '')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
    if (fields.length === 0) return
    if (fields.length !== 2) {
      problems.push({ line, message: `"${raw.trim()}" is not two paths; write the old path, a space, then the new one: /old/path/ /new/path/` })
      return
    }
    const from = normaliseRedirectPath(fields[0] as string, true)
    const to = normaliseRedirectPath(fields[1] as string, false)
    if ('problem' in from) problems.push({ line, message: `old path ${from.problem}` })
    if ('problem' in to) problems.push({ line, message: `new path ${to.problem}` })
    if ('path' in from && 'path' in to) lines.push({ line, from: from.path, to: to.path })
  })
  return { lines, problems }
}

/**
 * Checks parsed lines against the site: an old path must not be a page, feed or file the site serves (nor a
 * listing page its pagers own, nor a post's alias), and appear once; a new path must be a page, feed or file
 * the site serves, and not be redirected again (no chains). Returns every problem, in line order.
 */
export function checkRedirectLines(lines: readonly RedirectLine[], context: RedirectContext): RedirectProblem[] {
  const problems: RedirectProblem[] = []
  const firstLine = new Map<string, RedirectLine>()
  for (const entry of lines) if (!firstLine.has(entry.from)) firstLine.set(entry.from, entry)
  for (const entry of lines) {
    const { line, from, to } = entry
    const report = (message: string) => problems.push({ line, message })
    const pagerOfFrom = matchPagerPage(from, context.tags)
    const alias = context.aliases.get(from)
    const earlier = firstLine.get(from)
    if (from === to) report(`${from} redirects to itself; delete the line`)
    else if (context.paths.has(from))
      report(`old path ${from} is a page, feed or file of the site; a redirect starts from an old path that no longer answers: delete the line`)
    else if (BUILD_FOLDERS.some((folder) => from.startsWith(folder)))
      report(`old path ${from} is under ${BUILD_FOLDERS.find((folder) => from.startsWith(folder))}, which the build fills; delete the line`)
    else if (pagerOfFrom !== undefined)
      report(`old path ${from} is a numbered page of the listing ${pagerOfFrom}, which the site's pager serves or redirects itself; delete the line`)
    else if (alias) report(`old path ${from} is already an alias of ${alias.file}; keep one of the two`)
    else if (earlier && earlier !== entry) report(`old path ${from} is already redirected on line ${earlier.line}; keep one of the two`)

    const chained = firstLine.get(to)
    const toAlias = context.aliases.get(to)
    const pagerOfTo = matchPagerPage(to, context.tags)
    if (from === to) continue
    if (chained) report(`new path ${to} is redirected again on line ${chained.line} (to ${chained.to}); point this line straight at ${chained.to}`)
    else if (toAlias) report(`new path ${to} is an alias of ${toAlias.file}; point the line at its permalink ${toAlias.url}`)
    else if (pagerOfTo !== undefined)
      report(`new path ${to} is a numbered page of the listing ${pagerOfTo}, whose posts move as you publish; point it at ${pagerOfTo}`)
    else if (!context.paths.has(to))
      report(
        `new path ${to} is not a page, feed or file of the site; point it at one: a post's permalink (/2025/04/slug/), a tag (/tags/go/), /tags/, /posts/, a feed (/index.xml) or a file under public/`,
      )
  }
  return problems
}

/** "content/redirects.txt: line 3: …", the form every content problem takes. */
export function formatRedirectProblem(file: string, problem: RedirectProblem): string {
  return `${file}: line ${problem.line}: ${problem.message}`
}

/** The file's text, or undefined when the content folder has none (a site without redirects of its own). */
export function readRedirectsFile(contentDir: string): string | undefined {
  const file = join(contentDir, REDIRECTS_FILE)
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined
}

/**
 * The file's redirects, checked: `display` names the file in problems. Returns the valid lines and one
 * message per problem (parse and site checks together), ordered by line.
 */
export function loadRedirectLines(text: string | undefined, context: RedirectContext, display: string): { lines: RedirectLine[]; problems: string[] } {
  if (text === undefined) return { lines: [], problems: [] }
  const parsed = parseRedirectLines(text)
  const checked = checkRedirectLines(parsed.lines, context)
  const problems = [...parsed.problems, ...checked].sort((a, b) => a.line - b.line).map((problem) => formatRedirectProblem(display, problem))
  const bad = new Set(checked.map((problem) => problem.line))
  return { lines: parsed.lines.filter((entry) => !bad.has(entry.line)), problems }
}
