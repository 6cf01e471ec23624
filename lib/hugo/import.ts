/**
 * Imports a Hugo site's posts as our MDX posts: reads the config and every content page, works out each
 * post's old Hugo URL, converts front matter and body, and writes content/posts/<slug>.mdx (or a bundle
 * folder with its resources). Everything it could not carry over is a note with the Hugo file's line.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, posix, relative } from 'node:path'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { gfmFromMarkdown } from 'mdast-util-gfm'
import { mathFromMarkdown } from 'mdast-util-math'
import { mdxFromMarkdown } from 'mdast-util-mdx'
import { gfm } from 'micromark-extension-gfm'
import { math } from 'micromark-extension-math'
import { mdxjs } from 'micromark-extension-mdxjs'
import YAML from 'yaml'
import { normaliseAlias } from '../content-rules'
import { REDIRECTS_FILE } from '../site-redirects'
import { buildPermalink, tagSlug } from '../urls'
import { convertBody, type BodyContext, type Note, type ResolvedImage } from './body'
import { ImportError, readHugoConfig, type HugoConfig } from './config'
import { convertHugoDate, splitFrontMatter } from './front-matter'
import { appendRedirects, planHugoRedirects, type RedirectOutcome, type RedirectPost } from './redirects'
import { computeHugoUrl, hugoFileName, urlizeHugo } from './urls'

export { ImportError }

/** Options of one import run. */
export type ImportOptions = {
  siteDir: string
  /** Our content folder; posts go to <outDir>/posts/. */
  outDir: string
  /** Where files from Hugo's static/ that posts use are copied; default <outDir>/../public. */
  publicDir?: string
  force?: boolean
  dryRun?: boolean
  /** Sections whose pages are posts; default params.mainSections, else the section with most pages. */
  sections?: string[]
  /** Posts dated after this are not published yet, so nothing redirects to them; default now. */
  now?: Date
}

/** The outcome for one Hugo page. */
export type PageReport = {
  source: string
  target?: string
  status: 'imported' | 'imported with notes' | 'skipped' | 'not a post'
  reason?: string
  notes: Note[]
  hugoUrl?: string
  url?: string
  /** A page not imported: the old URLs Hugo wrote for it that will not answer (its list page's feed and pager too). */
  lostUrls?: string[]
  /** An imported post that is a draft: our build does not publish it, as Hugo did not. */
  draft?: boolean
}

/** Everything an import did or would do. */
export type ImportReport = {
  siteDir: string
  config: HugoConfig
  sections: string[]
  pages: PageReport[]
  siteNotes: string[]
  /** Hugo URL -> our URL for every imported post (for check-urls and the lead's redirects). */
  urls: { hugoUrl: string; url: string; draft?: boolean }[]
  /** The site's redirects the import appended to (or found in) <outDir>/redirects.txt. */
  redirects: RedirectOutcome[]
  /** That file, as displayed. */
  redirectsFile: string
  written: string[]
  counts: { imported: number; withNotes: number; skipped: number; notPosts: number }
}

const CONTENT_EXTENSIONS = ['.md', '.markdown', '.mdx']
const KNOWN_FIELDS = new Set([
  'title',
  'date',
  'publishdate',
  'pubdate',
  'published',
  'lastmod',
  'modified',
  'description',
  'summary',
  'tags',
  'categories',
  'draft',
  'slug',
  'url',
  'aliases',
  'params',
])
const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

type SourcePage = {
  path: string
  absolute: string
  raw: string
  data: Record<string, unknown>
  body: string
  bodyLine: number
  kind: 'page' | 'bundle' | 'branch'
  section: string
  error?: string
}

type PlannedPost = {
  page: SourcePage
  notes: Note[]
  slug: string
  date: string
  year: number
  month: number
  hugoUrl: string
  url: string
  frontmatter: Record<string, unknown>
  target: string
  resources: string[]
}

/** Content files under `dir`, as content-relative paths with forward slashes, sorted. */
function listContentFiles(root: string, dir = ''): string[] {
  const entries = readdirSync(join(root, dir), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))
  return entries.flatMap((entry) => {
    const path = dir ? `${dir}/${entry.name}` : entry.name
    if (entry.isDirectory()) return listContentFiles(root, path)
    return CONTENT_EXTENSIONS.some((ext) => entry.name.endsWith(ext)) ? [path] : []
  })
}

/** Every file of a leaf bundle except its index, relative to the bundle folder. */
function listResources(dir: string, sub = ''): string[] {
  return readdirSync(join(dir, sub), { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const path = sub ? `${sub}/${entry.name}` : entry.name
      if (entry.isDirectory()) return listResources(dir, path)
      return !sub && /^index\.[^.]+$/.test(entry.name) ? [] : [path]
    })
}

/** Tag slugs of the published posts already in the output (other posts of the site, or an earlier import). */
function readExistingTags(postsDir: string): string[] {
  if (!existsSync(postsDir)) return []
  const files = readdirSync(postsDir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.mdx'))
  return files.flatMap((file) => {
    try {
      const { data } = splitFrontMatter(readFileSync(join(postsDir, file), 'utf8'))
      return data.draft === true ? [] : asList(data.tags).map((tag) => tagSlug(tag))
    } catch {
      return [] // not ours to judge here: the content build reports a post it cannot read
    }
  })
}

/** The line of a front-matter key in the raw file, for notes; 1 when it cannot be found. */
function lineOfKey(raw: string, key: string): number {
  const lines = raw.split('\n')
  const pattern = new RegExp(`^\\s*"?${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"?\\s*[:=]`, 'i')
  const index = lines.findIndex((line) => pattern.test(line))
  return index >= 0 ? index + 1 : 1
}

const asList = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : typeof value === 'string' && value.trim() ? [value] : [])
const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== ''

/** Trims a summary to at most 280 characters at a word boundary. */
function shorten(text: string): string {
  if (text.length <= 280) return text
  const cut = text.slice(0, 279)
  return `${cut.slice(0, cut.lastIndexOf(' ') > 200 ? cut.lastIndexOf(' ') : 279).replace(/[\s,;:.]+$/, '')}…`
}

/** "My_Post Title" -> "my-post-title": our slug rule (lower-case letters, digits and hyphens). */
function toSlug(value: string): string {
  return tagSlug(value)
}

function readPages(contentRoot: string): SourcePage[] {
  return listContentFiles(contentRoot).map((path) => {
    const absolute = join(contentRoot, path)
    const name = path.split('/').pop() ?? path
    const kind = /^_index\./.test(name) ? 'branch' : /^index\./.test(name) && path.includes('/') ? 'bundle' : 'page'
    const section = path.includes('/') ? (path.split('/')[0] ?? '') : ''
    const raw = readFileSync(absolute, 'utf8')
    try {
      const split = splitFrontMatter(raw)
      return { path, absolute, raw, data: split.data, body: split.body, bodyLine: split.bodyLine, kind, section }
    } catch (error) {
      return { path, absolute, raw, data: {}, body: '', bodyLine: 1, kind, section, error: (error as Error).message }
    }
  })
}

/**
 * Validates MDX with the syntax our build parses (remark-mdx, GFM, math): the same micromark extensions
 * @mdx-js/mdx's parser uses, without its compiler. Returns the parser's message, or undefined.
 */
function findMdxError(mdx: string): string | undefined {
  try {
    fromMarkdown(mdx, VALIDATE)
    return undefined
  } catch (error) {
    const place = (error as { place?: { line?: number; start?: { line?: number } } }).place
    return `${(error as { reason?: string }).reason ?? String(error)} (line ${place?.line ?? place?.start?.line ?? '?'} of the MDX)`
  }
}

const VALIDATE = { extensions: [mdxjs(), gfm(), math()], mdastExtensions: [mdxFromMarkdown(), gfmFromMarkdown(), mathFromMarkdown()] }

function getPath(data: unknown, dotted: string): unknown {
  return dotted
    .toLowerCase()
    .split('.')
    .reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), data)
}

/** Runs the import; with dryRun nothing is written. Throws ImportError for an unreadable site or config. */
export function importHugoSite(options: ImportOptions): ImportReport {
  const config = readHugoConfig(options.siteDir)
  const contentRoot = join(options.siteDir, config.contentDir)
  if (!existsSync(contentRoot) || !statSync(contentRoot).isDirectory()) {
    throw new ImportError(`${contentRoot} is not a folder; the Hugo site's pages live under ${config.contentDir}/`)
  }
  const outPosts = join(options.outDir, 'posts')
  const publicDir = options.publicDir ?? join(options.outDir, '..', 'public')
  const pages = readPages(contentRoot)
  const siteNotes: string[] = []
  const reports: PageReport[] = []

  // Which sections hold posts: as configured, else the one with most regular pages, as Hugo picks mainSections.
  const counts = new Map<string, number>()
  for (const page of pages) if (page.kind !== 'branch' && page.section) counts.set(page.section, (counts.get(page.section) ?? 0) + 1)
  const largest = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0]
  const sections = options.sections ?? config.mainSections ?? (largest ? [largest] : [])
  if (config.languages.length > 1)
    siteNotes.push(`the site declares languages ${config.languages.join(', ')}; only files without a language suffix are read as posts`)

  const postTaxonomies = new Set(['tags', 'categories'])
  for (const plural of Object.values(config.taxonomies)) {
    if (!postTaxonomies.has(plural))
      siteNotes.push(
        `taxonomy "${plural}" is not carried over (our posts have tags only): its pages /${plural}/…/ are redirected to /tags/, its feeds to /index.xml`,
      )
    else if (plural === 'categories') siteNotes.push(`categories are merged into tags: /categories/<name>/ pages are redirected to /tags/<name>/`)
  }

  // Pass 1: front matter, dates, slugs and both URLs of every post, so refs can resolve to any of them.
  const planned: PlannedPost[] = []
  const byTarget = new Map<string, PlannedPost>()
  const isHugoDraft = (page: SourcePage) => page.data.draft === true || page.data.draft === 'true'
  const sectionCounts = new Map<string, number>()
  for (const page of pages)
    if (page.kind !== 'branch' && !page.error && !isHugoDraft(page)) sectionCounts.set(page.section, (sectionCounts.get(page.section) ?? 0) + 1)
  for (const page of pages) {
    const report = (status: PageReport['status'], reason: string, lostUrls?: string[]) =>
      reports.push({ source: page.path, status, reason, notes: [], ...(lostUrls ? { lostUrls } : {}) })
    if (page.kind === 'branch') {
      const dir = posix.dirname(page.path)
      if (dir === '.' || sections.includes(page.section)) {
        report('not a post', `branch bundle (the list page of ${page.section || 'the home page'}); our site builds its own listings`)
      } else {
        // A list page Hugo writes with its feed and pager: none of them will answer.
        const listing = `${config.basePath}/${dir
          .split('/')
          .map((part) => urlizeHugo(part, config))
          .join('/')}/`
        const pagerPages = Math.max(1, Math.ceil((sectionCounts.get(page.section) ?? 0) / config.paginate))
        const lost = isHugoDraft(page)
          ? []
          : [listing, `${listing}index.xml`, ...Array.from({ length: pagerPages }, (_, index) => `${listing}page/${index + 1}/`)]
        report('not a post', `branch bundle (the list page of ${page.section}), whose section is not imported`, lost)
      }
      continue
    }
    if (!sections.includes(page.section)) {
      const title = isText(page.data.title) ? page.data.title : hugoFileName(page.path)
      const facts = {
        path: page.path,
        title,
        slug: isText(page.data.slug) ? page.data.slug : undefined,
        url: isText(page.data.url) ? page.data.url : undefined,
      }
      report(
        'not a post',
        `page in ${page.section ? `section "${page.section}"` : 'the site root'}, not a post section (${sections.join(', ') || 'none'}); move it in by hand`,
        page.error || isHugoDraft(page) ? [] : [computeHugoUrl(facts, config)],
      )
      continue
    }
    if (page.error) {
      report('skipped', `${page.path}:1: ${page.error}; fix the front matter and import again`)
      continue
    }
    const notes: Note[] = []
    const data = page.data
    const note = (key: string, message: string) => notes.push({ line: lineOfKey(page.raw, key), message })

    const rawDate = data.date ?? data.publishdate ?? data.pubdate ?? data.published
    if (rawDate === undefined || rawDate === '') {
      report('skipped', `${page.path}:1: no date in the front matter; add date: 2020-01-31T09:00:00+00:00 and import again`)
      continue
    }
    const date = convertHugoDate(rawDate, config.timeZone)
    if (typeof date === 'string') {
      report('skipped', `${page.path}:${lineOfKey(page.raw, 'date')}: ${date}`)
      continue
    }
    if (date.note) note('date', date.note)
    const [year, month, day] = date.iso.slice(0, 10).split('-').map(Number) as [number, number, number]

    let title = isText(data.title) ? data.title.trim() : ''
    if (!title) {
      title = hugoFileName(page.path).replace(/[-_]+/g, ' ')
      note('title', `no title; used "${title}" from the file name: write the real headline`)
    }

    const hugoSlug = isText(data.slug) ? data.slug.trim() : undefined
    let slug = toSlug(hugoSlug ?? hugoFileName(page.path))
    if (!slug) slug = toSlug(title)
    if (!slug || !SLUG_PATTERN.test(slug)) {
      report('skipped', `${page.path}:1: cannot make a URL slug from "${hugoSlug ?? hugoFileName(page.path)}"; add slug: some-words and import again`)
      continue
    }
    if (hugoSlug && hugoSlug !== slug) note('slug', `slug "${hugoSlug}" becomes "${slug}" (lower-case letters, digits and hyphens)`)

    const hugoUrl = computeHugoUrl({ path: page.path, title, slug: hugoSlug, url: isText(data.url) ? data.url : undefined, date: { year, month, day } }, config)
    let url = buildPermalink({ raw: date.iso, instant: new Date(date.iso), year, month }, slug)
    const resources = page.kind === 'bundle' ? listResources(dirname(page.absolute)) : []
    let fileSlug = slug
    for (let n = 2; byTarget.has(fileSlug); n++) fileSlug = `${slug}-${n}`
    if (fileSlug !== slug) {
      note('slug', `another post already has the slug "${slug}"; this one is written as "${fileSlug}": pick a better slug`)
      slug = fileSlug
      url = buildPermalink({ raw: date.iso, instant: new Date(date.iso), year, month }, slug)
    }
    const target = resources.length > 0 ? join(outPosts, slug, 'index.mdx') : join(outPosts, `${slug}.mdx`)

    const tags: string[] = []
    const seen = new Set<string>()
    for (const [field, values] of [
      ['tags', asList(data.tags)],
      ['categories', asList(data.categories)],
    ] as const) {
      for (const value of values) {
        const tag = tagSlug(value)
        if (!tag) {
          note(field, `${field.slice(0, -1)} "${value}" has no letters or digits our tag URLs can use; left out: rename it`)
          continue
        }
        if (urlizeHugo(value, config) !== tag)
          note(field, `${field.slice(0, -1)} "${value}": Hugo's page /${field}/${urlizeHugo(value, config)}/ becomes /tags/${tag}/`)
        if (!seen.has(tag)) {
          seen.add(tag)
          tags.push(value)
        }
      }
    }
    if (asList(data.categories).length > 0) note('categories', `categories ${asList(data.categories).join(', ')} merged into tags`)
    if (tags.length === 0) note('tags', 'no tags or categories; imported with tags: []')

    const aliases: string[] = []
    const addAlias = (path: string, why: string) => {
      const alias = normaliseAlias(path)
      if (/[\s?#]/.test(alias)) {
        notes.push({ line: 1, message: `${why} ${path} cannot be an alias (it holds a space, ? or #); add a redirect by hand` })
        return
      }
      if (alias !== url && !aliases.includes(alias)) aliases.push(alias)
    }
    if (hugoUrl !== url) addAlias(hugoUrl, 'old URL')
    if (hugoUrl.endsWith('.html'))
      note(
        'url',
        `old URL ${hugoUrl} (uglyURLs) is kept as the alias ${normaliseAlias(hugoUrl)}; check that your redirects match it without the trailing slash`,
      )
    for (const alias of asList(data.aliases)) {
      const absolute = alias.startsWith('/') ? `${config.basePath}${alias}` : new URL(alias, `http://hugo${hugoUrl.replace(/\/$/, '')}`).pathname
      if (!alias.startsWith('/')) note('aliases', `relative alias "${alias}" read as ${absolute}`)
      addAlias(absolute, 'alias')
    }

    const unknown = Object.keys(data).filter((key) => !KNOWN_FIELDS.has(key) && !Object.values(config.taxonomies).includes(key))
    for (const key of unknown) note(key, `front matter field "${key}" is not carried over (our posts have no such field)`)
    for (const plural of Object.values(config.taxonomies)) {
      if (!postTaxonomies.has(plural) && asList(data[plural]).length)
        note(plural, `${plural} ${asList(data[plural]).join(', ')} not carried over (our posts have tags only)`)
    }

    const frontmatter: Record<string, unknown> = { title, date: date.iso }
    if (isText(data.description)) frontmatter.description = data.description.trim()
    else if (isText(data.summary)) {
      frontmatter.description = data.summary.trim()
      note('summary', 'description taken from summary')
    }
    frontmatter.tags = tags
    const rawLastmod = data.lastmod ?? data.modified
    if (rawLastmod !== undefined && rawLastmod !== '') {
      const updated = convertHugoDate(rawLastmod, config.timeZone)
      if (typeof updated === 'string') note('lastmod', `lastmod ${updated}; left out`)
      else if (updated.iso !== date.iso) frontmatter.updated = updated.iso
    }
    if (data.draft === true || data.draft === 'true') frontmatter.draft = true
    if (target.endsWith('index.mdx')) frontmatter.slug = slug
    if (aliases.length) frontmatter.aliases = aliases

    const post: PlannedPost = { page, notes, slug, date: date.iso, year, month, hugoUrl, url, frontmatter, target, resources }
    planned.push(post)
    byTarget.set(slug, post)
  }

  // Ref targets: content paths with and without extension, bundle folders, and unique base names.
  const refIndex = new Map<string, { url: string; imported: boolean; path: string }>()
  const baseNames = new Map<string, string[]>()
  const plannedByPath = new Map(planned.map((post) => [post.page.path, post]))
  for (const page of pages) {
    if (page.error) continue
    const post = plannedByPath.get(page.path)
    const title = isText(page.data.title) ? page.data.title : hugoFileName(page.path)
    const facts = { path: page.path, title, slug: isText(page.data.slug) ? page.data.slug : undefined, url: isText(page.data.url) ? page.data.url : undefined }
    const entry = post
      ? { url: post.url, imported: true, path: page.path }
      : {
          url: page.kind === 'branch' ? `${config.basePath}/${page.section}/`.replace(/\/+/g, '/') : computeHugoUrl(facts, config),
          imported: false,
          path: page.path,
        }
    const noExt = page.path.replace(/\.[^./]+$/, '')
    for (const key of [page.path, noExt, page.kind !== 'page' ? noExt.replace(/\/_?index$/, '') : undefined])
      if (key !== undefined) refIndex.set(key.toLowerCase(), entry)
    const base = (page.kind === 'page' ? noExt : noExt.replace(/\/_?index$/, '')).split('/').pop() ?? ''
    baseNames.set(base.toLowerCase(), [...(baseNames.get(base.toLowerCase()) ?? []), page.path])
  }

  const copies = new Map<string, string>()
  const hugoBase = /^https?:\/\//i.test(config.baseURL) ? `${config.baseURL.replace(/\/+$/, '')}/` : undefined
  // Read before this run writes anything: a tag only a scheduled post brings is not a page yet.
  const existingTags = readExistingTags(outPosts)
  /** Posts whose file is (or, in a dry run, would be) in the output after this run: written now, or already there. */
  const present: PlannedPost[] = []
  // Pass 2: bodies.
  for (const post of planned) {
    const { page, notes } = post
    const pageDir = posix.dirname(page.path)
    const bundleDir = page.kind === 'bundle' ? dirname(page.absolute) : undefined
    const resolveRef = (rawTarget: string) => {
      const [pathPart = '', anchor] = rawTarget.split('#')
      const cleaned = pathPart.replace(/^\.\//, '').replace(/\/+$/, '')
      const suffix = anchor ? `#${anchor}` : ''
      if (!cleaned) return anchor ? { url: `#${anchor}` } : undefined
      const candidates = cleaned.startsWith('/') ? [cleaned.slice(1)] : [posix.join(pageDir, cleaned), cleaned]
      let entry
      for (const candidate of candidates) {
        entry = refIndex.get(candidate.toLowerCase()) ?? refIndex.get(candidate.toLowerCase().replace(/\.[^./]+$/, ''))
        if (entry) break
      }
      if (!entry && !cleaned.includes('/')) {
        const matches = baseNames.get(cleaned.toLowerCase().replace(/\.[^./]+$/, '')) ?? []
        if (matches.length === 1) entry = refIndex.get((matches[0] as string).toLowerCase())
      }
      if (!entry) return undefined
      if (entry.imported) return { url: `${entry.url}${suffix}` }
      // Not a page of ours: a site path would be a broken link, which the build refuses (scripts/finish-build.mjs),
      // so it links to the page where the old site has it, and the report says so.
      // (Without a host in baseURL there is no such address: the site path stays, and the build names the link.)
      const oldAddress = hugoBase ? new URL(`${entry.url.slice(config.basePath.length)}${suffix}`.replace(/^\//, ''), hugoBase).href : `${entry.url}${suffix}`
      return {
        url: oldAddress,
        note: `ref "${rawTarget}" is ${entry.path}, which is not imported; linked to its old address ${oldAddress}: move the page in by hand, or change the link`,
      }
    }
    const resolveImage = (url: string): ResolvedImage => {
      if (/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(url)) return { kind: 'external' }
      const path = decodeURIComponent(url.split(/[?#]/)[0] ?? url)
      if (!path.startsWith('/')) {
        const inBundle = posix.normalize(path.replace(/^\.\//, ''))
        if (bundleDir && !inBundle.startsWith('..') && post.resources.includes(inBundle)) return { kind: 'found', url: `./${inBundle}` }
        const fromPage = posix.join(post.hugoUrl, path)
        for (const dir of config.staticDirs) {
          if (existsSync(join(options.siteDir, dir, fromPage))) {
            copies.set(join(options.siteDir, dir, fromPage), join(publicDir, fromPage))
            return { kind: 'found', url: fromPage }
          }
        }
        return { kind: 'missing' }
      }
      if (bundleDir && path.startsWith(post.hugoUrl)) {
        const rest = path.slice(post.hugoUrl.length)
        if (post.resources.includes(rest)) return { kind: 'found', url: `./${rest}` }
      }
      const sitePath = config.basePath && path.startsWith(`${config.basePath}/`) ? path.slice(config.basePath.length) : path
      for (const dir of config.staticDirs) {
        const file = join(options.siteDir, dir, sitePath)
        if (existsSync(file) && statSync(file).isFile()) {
          copies.set(file, join(publicDir, sitePath))
          return { kind: 'found', url: sitePath }
        }
      }
      return { kind: 'missing' }
    }
    const getParam = (name: string) => {
      const value = getPath(page.data, name) ?? getPath(page.data.params, name) ?? getPath(config.params, name)
      return value === undefined || value === null || typeof value === 'object' ? undefined : String(value)
    }
    const context: BodyContext = { notes: [], resolveRef, resolveImage, getParam, hasMath: config.hasMathPassthrough }
    let converted = convertBody(page.body, page.bodyLine, context)
    // mdast's MDX serializer escapes what it writes; only JSX made from raw HTML can break the parse (and a
    // parse is most of an import's time), so only such a body is parsed again before it is written.
    const error = converted.hasRawJsx ? findMdxError(converted.mdx) : undefined
    if (error) {
      const fallback: BodyContext = { ...context, notes: [], htmlAsText: true }
      const retried = convertBody(page.body, page.bodyLine, fallback)
      const retryError = findMdxError(retried.mdx)
      if (retryError) {
        reports.push({
          source: page.path,
          status: 'skipped',
          reason: `${page.path}:${page.bodyLine}: the body does not convert to valid MDX: ${retryError}; fix it by hand`,
          notes: [],
        })
        continue
      }
      fallback.notes.push({
        line: page.bodyLine,
        message: `raw HTML does not make valid JSX (${error}); every HTML tag in the post is shown as text: rewrite it as Markdown`,
      })
      converted = retried
      context.notes = fallback.notes
    }
    notes.push(...context.notes)
    if (post.frontmatter.description === undefined) {
      const summary = converted.summary ? shorten(converted.summary) : ''
      if (summary) {
        post.frontmatter = { ...post.frontmatter, description: summary }
        notes.push({
          line: page.bodyLine,
          message: `no description; used the ${converted.summarySource === 'more' ? 'text before <!--more-->' : 'first paragraph'}: check it reads as a summary`,
        })
      } else {
        post.frontmatter = { ...post.frontmatter, description: post.frontmatter.title }
        notes.push({ line: 1, message: 'no description and no text to take one from; used the title: write a description' })
      }
    }
    const ordered = Object.fromEntries(
      ['title', 'date', 'description', 'tags', 'updated', 'draft', 'slug', 'aliases']
        .filter((key) => key in post.frontmatter)
        .map((key) => [key, post.frontmatter[key]]),
    )
    const fileText = `---\n${YAML.stringify(ordered, { lineWidth: 0 })}---\n\n${converted.mdx}`
    const targetDisplay = relative(process.cwd(), post.target) || post.target
    notes.sort((a, b) => a.line - b.line)
    const base = { source: page.path, target: targetDisplay, notes, hugoUrl: post.hugoUrl, url: post.url, ...(post.frontmatter.draft ? { draft: true } : {}) }
    present.push(post)
    if (existsSync(post.target) && !options.force) {
      const same = readFileSync(post.target, 'utf8') === fileText
      reports.push({
        ...base,
        status: 'skipped',
        reason: same ? `${targetDisplay} is already imported and unchanged` : `${targetDisplay} exists; pass --force to overwrite it`,
      })
      continue
    }
    reports.push({ ...base, status: notes.length ? 'imported with notes' : 'imported' })
    if (options.dryRun) continue
    mkdirSync(dirname(post.target), { recursive: true })
    writeFileSync(post.target, fileText)
    for (const resource of post.resources) {
      const to = join(dirname(post.target), resource)
      mkdirSync(dirname(to), { recursive: true })
      copyFileSync(join(dirname(page.absolute), resource), to)
    }
  }

  const written: string[] = []
  if (!options.dryRun) {
    for (const [from, to] of copies) {
      if (existsSync(to) && !options.force) continue
      mkdirSync(dirname(to), { recursive: true })
      copyFileSync(from, to)
      written.push(to)
    }
  }
  if (copies.size)
    siteNotes.push(
      `${copies.size} file(s) from Hugo's static folder that posts use ${options.dryRun ? 'would be' : 'are'} copied to ${relative(process.cwd(), publicDir) || publicDir}/`,
    )

  // The site's redirects: taxonomy pages, pagers, sections and bundle files that no post's alias covers.
  const now = options.now ?? new Date()
  const redirectPosts: RedirectPost[] = present.map((post) => ({
    source: `${config.contentDir}/${post.page.path}`,
    hugoUrl: post.hugoUrl,
    url: post.url,
    tags: (post.frontmatter.tags as string[]).map((tag) => tagSlug(tag)).filter(Boolean),
    published: post.frontmatter.draft !== true && new Date(post.date).getTime() <= now.getTime(),
    resources: post.resources,
  }))
  const plan = planHugoRedirects({
    config,
    sections,
    pageTerms: pages
      .filter((page) => !page.error && !isHugoDraft(page))
      .map((page) => Object.fromEntries(Object.values(config.taxonomies).map((plural) => [plural, asList(page.data[plural])]))),
    sectionCounts,
    posts: redirectPosts,
    existingTags,
    staticFiles: [...copies.values()].map((to) => `/${relative(publicDir, to).split(/[\\/]/).join('/')}`),
  })
  siteNotes.push(...plan.notes)
  const redirectsPath = join(options.outDir, REDIRECTS_FILE)
  const redirects = appendRedirects(redirectsPath, plan.redirects, { dryRun: options.dryRun, source: `import:hugo ${config.baseURL}` })

  const order = (report: PageReport) => report.source
  reports.sort((a, b) => order(a).localeCompare(order(b)))
  return {
    siteDir: options.siteDir,
    config,
    sections,
    pages: reports,
    siteNotes,
    urls: reports
      .filter((r) => r.hugoUrl && r.url && (r.status !== 'skipped' || r.reason?.endsWith('already imported and unchanged')))
      .map((r) => ({ hugoUrl: r.hugoUrl as string, url: r.url as string, ...(r.draft ? { draft: true } : {}) })),
    redirects,
    redirectsFile: relative(process.cwd(), redirectsPath) || redirectsPath,
    written,
    counts: {
      imported: reports.filter((r) => r.status === 'imported').length,
      withNotes: reports.filter((r) => r.status === 'imported with notes').length,
      skipped: reports.filter((r) => r.status === 'skipped').length,
      notPosts: reports.filter((r) => r.status === 'not a post').length,
    },
  }
}
