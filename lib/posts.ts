/**
 * The content model. The only module that reads the generated posts (through lib/content-source.ts):
 * pages, feeds and the sitemap ask it, and it validates, filters drafts, sorts and groups exactly once
 * per content build: once per process in production, and again after each edit under `next dev`.
 */
import { join, resolve } from 'node:path'
// Imported through the alias so that unit tests can swap in fixture posts (vitest.config.mts).
import { readGeneratedPosts, type GeneratedPostData as GeneratedPost } from '@/lib/content-source'
import {
  checkFrontmatter,
  FRONTMATTER_FIELDS,
  findUrlConflicts,
  formatContentProblems,
  isUnpublishedAt,
  readBuildClock,
  slugFromFileName,
  type DerivedFields,
} from './content-rules'
import { extractHeadings, type Heading } from './headings'
import { selectFullContentItems } from './site'
import { buildRedirectContext, listPublicPaths, loadRedirectLines, readRedirectsFile, REDIRECTS_FILE, type RedirectLine } from './site-redirects'
import { FEED_FORMATS, feedPath, formatTagTitle, homePagePath, listingPagePath, tagPath } from './urls'
import { hashOf } from './build-cache.mjs'
import { computeCodeKey, planRendering, RENDER_STORE, selectParamsToRender, type RenderKeys } from './render-plan.mjs'

/** Under `next dev`, the content pass the posts come from and the stamp each new pass rewrites (lib/content-events.ts). */
export { GENERATION_FILE as CONTENT_PASS_FILE, readGenerationPass as readContentPass } from '@/lib/content-source'

/** A post as the site uses it: the generated document plus what content-rules derives from it, once. */
export type Post = Omit<GeneratedPost, 'slug' | 'aliases'> &
  DerivedFields & {
    /** Its h2 and h3 sections, for the table of contents. */
    headings: readonly Heading[]
  }

/** Posts on each page of the home and tag listings (Hugo's default pager size too). */
export const POSTS_PER_PAGE = 10

/** Words a reader reads in a minute, for the reading time shown on posts. */
const WORDS_PER_MINUTE = 230

/**
 * Checks every generated post and derives slug, permalink, tag slugs and aliases. Returns the valid posts
 * and one line per problem, naming the file, the field and the fix; nothing is dropped silently.
 */
export function loadPosts(generated: readonly GeneratedPost[]): { posts: Post[]; problems: string[] } {
  const problems: string[] = []
  const posts: Post[] = []
  for (const doc of generated) {
    const file = `content/${doc._raw.sourceFilePath}`
    const frontmatter = Object.fromEntries(FRONTMATTER_FIELDS.flatMap((field) => (doc[field] === undefined ? [] : [[field, doc[field]]])))
    const { problems: fieldProblems, derived } = checkFrontmatter(frontmatter, slugFromFileName(doc._raw.sourceFilePath))
    for (const { field, message } of fieldProblems) problems.push(`${file}: ${field}: ${message}`)
    if (derived) posts.push({ ...doc, ...derived, headings: extractHeadings(doc.html) })
  }
  const conflicts = findUrlConflicts(posts.map((post) => ({ file: `content/${post._raw.sourceFilePath}`, url: post.url, aliases: post.aliases })))
  for (const { file, field, message } of conflicts) problems.push(`${file}: ${field}: ${message}`)
  const conflicted = new Set(conflicts.map((conflict) => conflict.file))
  return { posts: posts.filter((post) => !conflicted.has(`content/${post._raw.sourceFilePath}`)), problems }
}

/** The valid posts; throws one Error listing every problem, so an author fixes them all in one go. */
export function loadValidPosts(generated: readonly GeneratedPost[]): Post[] {
  const { posts, problems } = loadPosts(generated)
  if (problems.length > 0) throw new Error(formatContentProblems(problems))
  return posts
}

export type PublishOptions = {
  /** Posts dated after this instant are scheduled, not published. */
  now: Date
  /** Show drafts and scheduled posts (the dev server does, marked as drafts). */
  includeUnpublished: boolean
}

/** Whether the post is a draft or dated in the future of `now`. */
export function isUnpublished(post: Post, now: Date): boolean {
  return isUnpublishedAt(post.draft, post.postDate.instant, now)
}

/** Drops drafts and scheduled posts (unless asked not to); newest first, ties broken by slug so the order is stable. */
export function selectPublished(posts: readonly Post[], options: PublishOptions): Post[] {
  return posts
    .filter((post) => options.includeUnpublished || !isUnpublished(post, options.now))
    .sort((a, b) => b.postDate.instant.getTime() - a.postDate.instant.getTime() || a.slug.localeCompare(b.slug))
}

const publishOptions: PublishOptions = {
  now: readBuildClock(),
  includeUnpublished: process.env.NODE_ENV === 'development',
}

type Model = {
  published: readonly Post[]
  /** Each published post's index in `published`, and each by its URL: a page asks for its post, its neighbours and related posts. */
  positions: ReadonlyMap<Post, number>
  byUrl: ReadonlyMap<string, Post>
  tags: readonly Tag[]
  tagsBySlug: ReadonlyMap<string, Tag>
  archive: readonly Year[]
  /** Filled as posts are asked for: selecting related posts for all of them at once costs posts × posts. */
  relatedByPost: Map<Post, readonly Post[]>
  aliasTargets: ReadonlyMap<string, string>
  /** content/redirects.txt, checked against these posts. */
  siteRedirects: readonly RedirectLine[]
}

function buildModel(generated: readonly GeneratedPost[]): Model {
  const published = selectPublished(loadValidPosts(generated), publishOptions)
  const tags = groupByTag(published)
  const archive = groupByDate(published)
  const aliasTargets = buildAliasTargets(published, listPagePaths(published, tags, archive))
  const siteRedirects = loadSiteRedirects(published)
  return {
    published,
    positions: new Map(published.map((post, index) => [post, index])),
    byUrl: new Map(published.map((post) => [post.url, post])),
    tags,
    tagsBySlug: new Map(tags.map((tag) => [tag.slug, tag])),
    archive,
    relatedByPost: new Map(),
    aliasTargets,
    siteRedirects,
  }
}

let model: { value: Model; source: readonly GeneratedPost[] } | undefined

/**
 * The model, built on first use. Under `next dev` it is built again when contentlayer has written the
 * posts again (lib/content-source.ts returns a new array then), so an edit shows without a restart; if the
 * edit leaves a post invalid, the previous model stays while contentlayer2 dev prints the problem.
 */
function getModel(): Model {
  if (model && process.env.NODE_ENV !== 'development') return model.value
  const generated = readGeneratedPosts()
  if (model?.source === generated) return model.value
  try {
    model = { value: buildModel(generated), source: generated }
  } catch (error) {
    if (!model || process.env.NODE_ENV !== 'development') throw error
  }
  return model.value
}

/** All published posts, newest first. */
export function getPosts(): readonly Post[] {
  return getModel().published
}

let renderPlan: ReadonlySet<string> | undefined

/**
 * The items of a dynamic route this build renders, given the site path of the file each writes: all of them,
 * except in a production build after a finished one with the same code and listings, which renders the posts
 * whose document changed and carries the rest over (lib/render-plan.mjs).
 */
export function selectToRender<T>(items: readonly T[], fileOf: (item: T) => string): T[] {
  if (process.env.NEXT_PHASE !== PHASE_PRODUCTION_BUILD) return [...items]
  renderPlan ??= planRendering(join(/* turbopackIgnore: true */ process.cwd(), RENDER_STORE), buildRenderKeys(getModel()))
  return selectParamsToRender(items, fileOf, renderPlan)
}

/** `next build` sets NEXT_PHASE to this (next/constants' PHASE_PRODUCTION_BUILD) for its prerender workers. */
const PHASE_PRODUCTION_BUILD = 'phase-production-build'

/** The keys of every file a build may carry over (lib/render-plan.mjs), with the code key of this project. */
function buildRenderKeys({ published, tags, archive }: Model): RenderKeys {
  return {
    codeKey: computeCodeKey(/* turbopackIgnore: true */ process.cwd(), process.env.CONTENT_DIR || 'content'),
    listingKey: hashOf(JSON.stringify(published.map(describeForListings))),
    files: keyRenderedFiles(published, tags, archive),
  }
}

/**
 * Each file a build may carry over, with its own key: post pages and cards by their post; a tag's feeds by
 * the posts whose bodies they carry; listing pages and tag cards by the listings alone ("").
 */
export function keyRenderedFiles(published: readonly Post[], tags: readonly Tag[], archive: readonly Year[]): Record<string, string> {
  const files: Record<string, string> = {}
  for (const path of listPagePaths(published, tags, archive)) if (!STATIC_PAGES.has(path)) files[`${path}index.html`] = ''
  const postKeys = new Map(published.map((post) => [post, hashOf(JSON.stringify(post))]))
  for (const post of published) files[`${post.url}index.html`] = files[`${post.url}og.png`] = postKeys.get(post) ?? ''
  for (const tag of tags) {
    files[`${tagPath(tag.slug)}og.png`] = ''
    // The rest of a feed is what lists show, in the listing key.
    const feedKey = hashOf(
      selectFullContentItems(tag.posts)
        .map((post) => postKeys.get(post))
        .join('\n'),
    )
    for (const format of FEED_FORMATS) files[feedPath(tagPath(tag.slug), format)] = feedKey
  }
  return files
}

/** Pages of routes without params, which every build renders. */
const STATIC_PAGES = new Set(['/', '/posts/', '/tags/'])

/**
 * What other pages show of a post (lists, neighbours, related posts): all but its body, and the reading time
 * rather than the word count, so that an edit to a body alone renders one post page.
 */
function describeForListings(post: Post) {
  const { html: _html, mathHtml: _mathHtml, headings: _headings, wordCount: _wordCount, ...listed } = post
  return { ...listed, readingMinutes: getReadingMinutes(post) }
}

/** The route params of a post's permalink, /<year>/<month>/<slug>/. */
export function toPermalinkParams(post: Post): { year: string; month: string; slug: string } {
  const [, year = '', month = '', slug = ''] = post.url.split('/')
  return { year, month, slug }
}

/** The published post at this permalink's year, month and slug, or undefined. */
export function getPostAt(year: string, month: string, slug: string): Post | undefined {
  return getModel().byUrl.get(`/${year}/${month}/${slug}/`)
}

/** Whether this post is shown only because the dev server shows drafts and scheduled posts. */
export function isShownAsDraft(post: Post): boolean {
  return isUnpublished(post, publishOptions.now)
}

/** Whole minutes to read the post, at least one. */
export function getReadingMinutes(post: Post): number {
  return Math.max(1, Math.round(post.wordCount / WORDS_PER_MINUTE))
}

/** The published posts either side of this one: `newer` is the next post, `older` the previous. */
export function getAdjacentPosts(post: Post): { newer?: Post; older?: Post } {
  const { published, positions } = getModel()
  const index = positions.get(post)
  if (index === undefined) return {}
  return { newer: published[index - 1], older: published[index + 1] }
}

/** Posts with a table of contents: those with at least this many h2/h3 sections. */
export const MIN_HEADINGS_FOR_TOC = 3

/** Up to `limit` other posts sharing the most tags with `post`; ties go to the newer post. */
export function selectRelated(post: Post, posts: readonly Post[], limit = 3): Post[] {
  const tags = new Set(post.tagSlugs)
  return posts
    .filter((other) => other !== post)
    .map((other) => ({ other, shared: other.tagSlugs.filter((tag) => tags.has(tag)).length }))
    .filter(({ shared }) => shared > 0)
    .sort((a, b) => b.shared - a.shared || b.other.postDate.instant.getTime() - a.other.postDate.instant.getTime())
    .slice(0, limit)
    .map(({ other }) => other)
}

/** Up to three related published posts, most shared tags first, ties to the newer. */
export function getRelatedPosts(post: Post): readonly Post[] {
  const { positions, tagsBySlug, relatedByPost } = getModel()
  let related = relatedByPost.get(post)
  if (!related) {
    // Only posts sharing a tag can be related, so only they are compared (a few hundred of 1,000 posts), in
    // the order of the published posts, which selectRelated's stable sort keeps between equals.
    const candidates = new Set(post.tagSlugs.flatMap((slug) => tagsBySlug.get(slug)?.posts ?? []))
    const inOrder = [...candidates].sort((a, b) => (positions.get(a) ?? 0) - (positions.get(b) ?? 0))
    related = positions.has(post) ? selectRelated(post, inOrder) : []
    relatedByPost.set(post, related)
  }
  return related
}

// ---- Pagination of the home and tag listings ----

/** Pages a listing of these posts has (the home page's by default); at least one, so an empty blog still has a home page. */
export function getPageCount(posts: readonly Post[] = getPosts()): number {
  return Math.max(1, Math.ceil(posts.length / POSTS_PER_PAGE))
}

/** The posts on page `page` (1-based) of a listing (the home page's by default), or undefined when there is no such page. */
export function getPagePosts(page: number, posts: readonly Post[] = getPosts()): readonly Post[] | undefined {
  if (!Number.isInteger(page) || page < 1 || page > getPageCount(posts)) return undefined
  return posts.slice((page - 1) * POSTS_PER_PAGE, page * POSTS_PER_PAGE)
}

// ---- Tags ----

export type Tag = {
  slug: string
  /** As Hugo renders a term: "Distributed-Systems". */
  title: string
  /** Its published posts, newest first. */
  posts: readonly Post[]
}

/** Groups posts by tag slug; tags ordered by slug. */
export function groupByTag(posts: readonly Post[]): Tag[] {
  const bySlug = new Map<string, Post[]>()
  for (const post of posts) {
    for (const slug of post.tagSlugs) {
      const list = bySlug.get(slug) ?? []
      list.push(post)
      bySlug.set(slug, list)
    }
  }
  return [...bySlug.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([slug, tagPosts]) => ({ slug, title: formatTagTitle(slug), posts: tagPosts }))
}

/** Every tag with at least one published post, ordered by slug. */
export function getTags(): readonly Tag[] {
  return getModel().tags
}

/** The tag with this slug, or undefined when no published post has it. */
export function getTag(slug: string): Tag | undefined {
  return getModel().tagsBySlug.get(slug)
}

// ---- The date listing ----

export type Month = { year: number; month: number; posts: readonly Post[] }
export type Year = { year: number; months: readonly Month[]; posts: readonly Post[] }

/** Groups newest-first posts by the year and month of their own offset; newest year and month first. */
export function groupByDate(posts: readonly Post[]): Year[] {
  const years: Year[] = []
  for (const post of posts) {
    const { year, month } = post.postDate
    let yearGroup = years.find((group) => group.year === year)
    if (!yearGroup) {
      yearGroup = { year, months: [], posts: [] }
      years.push(yearGroup)
    }
    ;(yearGroup.posts as Post[]).push(post)
    let monthGroup = yearGroup.months.find((group) => group.month === month)
    if (!monthGroup) {
      monthGroup = { year, month, posts: [] }
      ;(yearGroup.months as Month[]).push(monthGroup)
    }
    ;(monthGroup.posts as Post[]).push(post)
  }
  const byNewest = <T extends { year: number; month?: number }>(a: T, b: T) => b.year - a.year || (b.month ?? 0) - (a.month ?? 0)
  years.sort(byNewest)
  for (const year of years) (year.months as Month[]).sort(byNewest)
  return years
}

/** Every year with posts, newest first, each with its months newest first. */
export function getArchive(): readonly Year[] {
  return getModel().archive
}

/** The year with this number ("2025"), or undefined. */
export function getYear(year: string): Year | undefined {
  return getModel().archive.find((group) => String(group.year) === year)
}

/** The month of this year ("2025", "04"), or undefined. */
export function getMonth(year: string, month: string): Month | undefined {
  return getYear(year)?.months.find((group) => String(group.month).padStart(2, '0') === month)
}

// ---- Aliases: old URLs that redirect to a post ----

/** Every path the site serves a page at, for checking that no alias hides one. */
function listPagePaths(published: readonly Post[], tags: readonly Tag[], archive: readonly Year[]): Set<string> {
  const paths = new Set<string>(STATIC_PAGES)
  for (let page = 2; page <= getPageCount(published); page++) paths.add(homePagePath(page))
  for (const post of published) paths.add(post.url)
  for (const tag of tags) {
    for (let page = 1; page <= getPageCount(tag.posts); page++) paths.add(listingPagePath(tagPath(tag.slug), page))
  }
  for (const year of archive) {
    paths.add(`/${year.year}/`)
    for (const month of year.months) paths.add(`/${year.year}/${String(month.month).padStart(2, '0')}/`)
  }
  return paths
}

/** Old path -> permalink for every published post's aliases; an alias that is a real page fails the build. */
function buildAliasTargets(published: readonly Post[], pages: ReadonlySet<string>): Map<string, string> {
  const problems = published.flatMap((post) =>
    post.aliases
      .filter((alias) => pages.has(alias))
      .map((alias) => `content/${post._raw.sourceFilePath}: aliases: ${alias} is a page of the site; an alias must be an old path that no longer exists`),
  )
  if (problems.length > 0) throw new Error(formatContentProblems(problems))
  return new Map(published.flatMap((post) => post.aliases.map((alias) => [alias, post.url] as const)))
}

/** The permalink an old path redirects to ("/old/path" and "/old/path/" alike), or undefined. */
export function getAliasTarget(pathname: string): string | undefined {
  return getModel().aliasTargets.get(pathname.endsWith('/') ? pathname : `${pathname}/`)
}

/** Every alias of a published post with its target, ordered by alias. */
export function getAliases(): { from: string; to: string }[] {
  return [...getModel().aliasTargets].map(([from, to]) => ({ from, to })).sort((a, b) => a.from.localeCompare(b.from))
}

/**
 * The first pages of Hugo's pagers, which Hugo writes as aliases of the listing itself (/page/1/,
 * /tags/<tag>/page/1/, /posts/page/1/), and the pages of Hugo's posts section (/posts/page/N/), which list the
 * same posts ten at a time as our home pages do: old URLs that must keep answering, as permanent redirects.
 * Hugo's terms pager (/tags/page/N/) is not among them: it exists only when the theme pages the terms list,
 * and the bench's Hugo site for our posts (e2e/fixtures/hugo/our-site-urls.txt) writes none; import:hugo puts
 * them in content/redirects.txt for a site that may have had them.
 */
export function getHugoPagerRedirects(): { from: string; to: string }[] {
  const { published, tags } = getModel()
  const redirects = [
    { from: '/page/1/', to: homePagePath(1) },
    { from: '/posts/page/1/', to: '/posts/' },
    ...Array.from({ length: getPageCount(published) - 1 }, (_, index) => ({ from: `/posts/page/${index + 2}/`, to: homePagePath(index + 2) })),
    ...tags.map((tag) => ({ from: `${tagPath(tag.slug)}page/1/`, to: tagPath(tag.slug) })),
  ]
  return redirects
}

/** The content folder contentlayer reads (contentlayer.config.ts): its redirects.txt is the site's. */
const CONTENT_DIR = resolve(/* turbopackIgnore: true */ process.cwd(), process.env.CONTENT_DIR || 'content')

/**
 * content/redirects.txt, checked against the published posts and public/ as lib/content-check.ts checked it
 * before the content build (so `next dev`, which shows drafts, sees the same rules); a bad line fails the build.
 */
function loadSiteRedirects(published: readonly Post[]): RedirectLine[] {
  const aliases = published.flatMap((post) => post.aliases.map((alias) => ({ alias, file: `content/${post._raw.sourceFilePath}`, url: post.url })))
  const context = buildRedirectContext(published, aliases, listPublicPaths(join(/* turbopackIgnore: true */ process.cwd(), 'public')))
  const { lines, problems } = loadRedirectLines(readRedirectsFile(CONTENT_DIR), context, `content/${REDIRECTS_FILE}`)
  if (problems.length > 0) throw new Error(formatContentProblems(problems))
  return lines
}

/** The redirects of content/redirects.txt (old URLs that are no post's alias), ordered by old path. */
export function getSiteRedirects(): { from: string; to: string }[] {
  return getModel()
    .siteRedirects.map(({ from, to }) => ({ from, to }))
    .sort((a, b) => a.from.localeCompare(b.from))
}

/**
 * Every redirect of the site, old path first: post aliases, Hugo's pager pages and content/redirects.txt,
 * ordered by old path. The content checks keep the three apart, so no old path appears twice.
 */
export function getRedirects(): { from: string; to: string }[] {
  return [...getAliases(), ...getHugoPagerRedirects(), ...getSiteRedirects()].sort((a, b) => a.from.localeCompare(b.from))
}
