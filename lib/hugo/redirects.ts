/**
 * The redirects a Hugo site needs beyond its posts' aliases: taxonomy pages (categories merged into tags,
 * a dropped taxonomy, a term whose URL our tag rules spell differently), Hugo's terms pagers, a main section
 * other than posts/, a baseURL under a folder, and a bundle's old resource URLs. The importer appends them to
 * the output's redirects.txt (lib/site-redirects.ts reads and checks that file), never touching lines there.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { parseRedirectLines } from '../site-redirects'
import { tagSlug } from '../urls'
import type { HugoConfig } from './config'
import { urlizeHugo } from './urls'

/** One redirect to write, with the reason that heads its group in the file and the report. */
export type PlannedRedirect = { from: string; to: string; why: string }

/** An imported post as the plan needs it. */
export type RedirectPost = {
  source: string
  hugoUrl: string
  url: string
  /** Our tag slugs. */
  tags: readonly string[]
  /** Not a draft, and dated before the import: our build will publish it, so it can be a target. */
  published: boolean
  /** Files of its leaf bundle, relative to the bundle folder. */
  resources: readonly string[]
}

/** What the plan reads from the import. */
export type RedirectPlanInput = {
  config: HugoConfig
  /** The post sections (params.mainSections or as the importer picked them). */
  sections: readonly string[]
  /** The taxonomy terms of every page Hugo publishes (drafts left out), by taxonomy plural. */
  pageTerms: readonly Readonly<Record<string, readonly string[]>>[]
  /** Pages Hugo publishes in each section, for its pager. */
  sectionCounts: ReadonlyMap<string, number>
  posts: readonly RedirectPost[]
  /** Tag slugs the output's other published posts already have: their pages answer too. */
  existingTags: readonly string[]
  /** Site paths of the files copied from Hugo's static folder. */
  staticFiles: readonly string[]
}

const CONTENT_FILE = /\.(md|markdown|mdx|html|htm)$/i
const pagerCount = (items: number, size: number) => Math.max(1, Math.ceil(items / size))

/** The redirects, in the order they are written, each old path once, and notes on what could not be redirected. */
export function planHugoRedirects(input: RedirectPlanInput): { redirects: PlannedRedirect[]; notes: string[] } {
  const { config } = input
  const base = config.basePath
  const redirects: PlannedRedirect[] = []
  const notes: string[] = []
  const taken = new Set<string>()
  // Paths the import gives our posts (permalinks and aliases) are theirs; a redirect never shadows one.
  const ours = new Set<string>(input.posts.flatMap((post) => [post.url, post.hugoUrl]))
  const ourTags = new Set([...input.existingTags, ...input.posts.filter((post) => post.published).flatMap((post) => post.tags)])
  const add = (from: string, to: string, why: string) => {
    if (from === to || taken.has(from) || ours.has(from)) return
    taken.add(from)
    redirects.push({ from, to, why })
  }
  const pager = (listing: string, pages: number, to: string, why: string) => {
    for (let page = 1; page <= pages; page++) add(`${listing}page/${page}/`, to, why)
  }

  if (base) {
    const why = `the Hugo site lived under ${base}/; its home page and feed are ours at the root`
    add(`${base}/`, '/', why)
    add(`${base}/index.xml`, '/index.xml', why)
    pager(`${base}/`, pagerCount(input.posts.length, config.paginate), '/', why)
    for (const file of input.staticFiles) add(`${base}${file}`, file, `files of Hugo's static folder are served from the site root, not ${base}/`)
  }

  for (const section of input.sections) {
    if (section === 'posts') continue // /posts/ is ours, and lib/posts redirects Hugo's /posts/page/N/.
    const why = `the posts of section "${section}" are listed at /posts/`
    const listing = `${base}/${urlizeHugo(section, config)}/`
    add(listing, '/posts/', why)
    add(`${listing}index.xml`, '/posts/index.xml', why)
    pager(listing, pagerCount(input.sectionCounts.get(section) ?? 0, config.paginate), '/posts/', why)
  }

  for (const plural of Object.values(config.taxonomies)) {
    const kept = plural === 'tags' || plural === 'categories'
    const why =
      plural === 'tags'
        ? 'tags whose Hugo URL our tag rules spell differently, and tags no imported post has'
        : plural === 'categories'
          ? 'categories merged into tags: each category is the tag of that name'
          : `taxonomy "${plural}" is not carried over: its pages lead to /tags/, its feeds to the site's feed /index.xml`
    const terms = new Map<string, { value: string; count: number }>()
    for (const page of input.pageTerms) {
      for (const value of page[plural] ?? []) {
        const key = urlizeHugo(value, config)
        if (!key) continue
        const term = terms.get(key) ?? { value, count: 0 }
        term.count++
        terms.set(key, term)
      }
    }
    const listing = `${base}/${plural}/`
    if (plural !== 'tags') {
      add(listing, '/tags/', why)
      add(`${listing}index.xml`, '/tags/index.xml', why)
    }
    // Hugo pages the terms list too when the theme asks; our /tags/ lists every tag on one page.
    if (terms.size > 0)
      pager(listing, pagerCount(terms.size, config.paginate), '/tags/', plural === 'tags' ? "Hugo's pager of the tags list; /tags/ has every tag" : why)
    for (const [key, { value, count }] of [...terms].sort(([a], [b]) => a.localeCompare(b))) {
      const slug = kept ? tagSlug(value) : ''
      const hasTag = slug !== '' && ourTags.has(slug)
      // Our own tag page (and its pager, which lib/posts redirects) answers as it is.
      if (plural === 'tags' && key === slug && hasTag) continue
      const termPath = `${listing}${key}/`
      add(termPath, hasTag ? `/tags/${slug}/` : '/tags/', why)
      add(`${termPath}index.xml`, hasTag ? `/tags/${slug}/index.xml` : '/index.xml', why)
      pager(termPath, pagerCount(count, config.paginate), hasTag ? `/tags/${slug}/` : '/tags/', why)
    }
  }

  const resourceWhy =
    "bundle resources: each old file URL leads to its post's page, not to the processed image, whose URL holds the file's hash and width and changes with the image"
  for (const post of input.posts) {
    if (!post.published || post.resources.length === 0) continue
    if (!post.hugoUrl.endsWith('/')) {
      notes.push(`${post.source}: its old URL ${post.hugoUrl} is not a folder, so where Hugo published its files is not known; redirect them by hand`)
      continue
    }
    for (const resource of post.resources) {
      if (CONTENT_FILE.test(resource)) continue // a page resource: Hugo renders or ignores it, never publishes it
      if (/[\s?#%]/.test(resource)) {
        notes.push(`${post.source}: the file "${resource}" has a space, ?, # or % in its name; redirect ${post.hugoUrl}${resource} by hand`)
        continue
      }
      add(`${post.hugoUrl}${resource}`, post.url, resourceWhy)
    }
  }
  return { redirects, notes }
}

/** A redirect as the import handled it: written now, or left as the file already had it. */
export type RedirectOutcome = PlannedRedirect & { status: 'added' | 'already there'; existing?: string }

/**
 * Appends to `file` the redirects whose old path it does not hold yet, under a comment per reason; a line
 * already there is kept as written, even if it leads elsewhere. Writes nothing with dryRun, or when nothing is new.
 */
export function appendRedirects(file: string, redirects: readonly PlannedRedirect[], options: { dryRun?: boolean; source: string }): RedirectOutcome[] {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : ''
  const existing = new Map(parseRedirectLines(text).lines.map(({ from, to }) => [from, to]))
  const outcomes: RedirectOutcome[] = redirects.map((redirect) =>
    existing.has(redirect.from) ? { ...redirect, status: 'already there', existing: existing.get(redirect.from) } : { ...redirect, status: 'added' },
  )
  const added = outcomes.filter((outcome) => outcome.status === 'added')
  if (options.dryRun || added.length === 0) return outcomes
  const blocks: string[] = []
  for (const why of [...new Set(added.map((outcome) => outcome.why))]) {
    blocks.push(`# ${options.source}: ${why}`, ...added.filter((outcome) => outcome.why === why).map(({ from, to }) => `${from} ${to}`))
  }
  mkdirSync(dirname(file), { recursive: true })
  appendFileSync(file, `${text && !text.endsWith('\n') ? '\n' : ''}${text ? '\n' : ''}${blocks.join('\n')}\n`)
  return outcomes
}
