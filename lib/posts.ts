/**
 * The content model. The only module that reads the generated posts (through lib/content-source.ts):
 * pages, feeds and the sitemap ask it, and it validates, filters drafts, sorts and groups exactly once
 * per content build: once per process in production, and again after each edit under `next dev`.
 */
// Imported through the alias so that unit tests can swap in fixture posts (vitest.config.mts).
import { readGeneratedPosts, readGeneratedVersion, type GeneratedPostData as GeneratedPost } from '@/lib/content-source'
import { parsePostDate, type PostDate } from './dates'
import { buildPermalink, formatTagTitle, tagSlug } from './urls'

/** A post as the site uses it: the generated document plus what this module derives from it once. */
export type Post = Omit<GeneratedPost, 'slug'> & {
  /** The frontmatter slug, or else the file name: the permalink's last segment. */
  slug: string
  /** The permalink path, /YYYY/MM/<slug>/. */
  url: string
  /** The parsed frontmatter date. */
  postDate: PostDate
  /** The tags as URL slugs, duplicates dropped: "Distributed Systems" is distributed-systems. */
  tagSlugs: readonly string[]
}

/** Posts on each page of the home listing. */
export const POSTS_PER_PAGE = 10

/** Words a reader reads in a minute, for the reading time shown on posts. */
const WORDS_PER_MINUTE = 230

const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

/**
 * Checks every generated post and derives slug, permalink and tag slugs. Returns the posts that are
 * valid and one line per problem, naming the file, the field and the fix; nothing is dropped silently.
 */
export function loadPosts(generated: readonly GeneratedPost[]): { posts: Post[]; problems: string[] } {
  const problems: string[] = []
  const posts: Post[] = []
  const fileWithUrl = new Map<string, string>()
  for (const doc of generated) {
    const file = `content/${doc._raw.sourceFilePath}`
    const before = problems.length
    const report = (field: string, message: string) => problems.push(`${file}: ${field}: ${message}`)
    if (!doc.title.trim()) report('title', 'is empty; write the headline, e.g. title: "My post"')
    if (!doc.description.trim()) report('description', 'is empty; write one or two sentences that summarise the post')
    const date = parsePostDate(doc.date)
    if (typeof date === 'string') report('date', date)
    if (doc.updated !== undefined) {
      const updated = parsePostDate(doc.updated)
      if (typeof updated === 'string') report('updated', updated)
    }
    const tags = Array.isArray(doc.tags) ? doc.tags : []
    if (tags.length === 0) report('tags', 'needs at least one tag; write it like tags: [distributed-systems, go]')
    for (const tag of tags) {
      if (!tagSlug(String(tag))) report('tags', `"${tag}" has no letters or digits; use a tag like distributed-systems`)
    }
    const slug = doc.slug ?? doc._raw.sourceFileName.replace(/\.mdx$/, '')
    if (!SLUG_PATTERN.test(slug)) {
      report('slug', `"${slug}" is not a URL slug; use lower-case letters, digits and hyphens, e.g. my-post`)
    }
    if (problems.length > before || typeof date === 'string') continue
    const url = buildPermalink(date, slug)
    const other = fileWithUrl.get(url)
    if (other) {
      report('slug', `permalink ${url} is already used by ${other}; give one of them another slug`)
      continue
    }
    fileWithUrl.set(url, file)
    posts.push({ ...doc, slug, url, postDate: date, tagSlugs: [...new Set(tags.map((tag) => tagSlug(String(tag))))] })
  }
  return { posts, problems }
}

/** The valid posts; throws one Error listing every problem, so an author fixes them all in one go. */
export function loadValidPosts(generated: readonly GeneratedPost[]): Post[] {
  const { posts, problems } = loadPosts(generated)
  if (problems.length > 0) {
    throw new Error(`Invalid content (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n  ${problems.join('\n  ')}`)
  }
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
  return post.draft || post.postDate.instant.getTime() > now.getTime()
}

/** Drops drafts and scheduled posts (unless asked not to); newest first, ties broken by slug so the order is stable. */
export function selectPublished(posts: readonly Post[], options: PublishOptions): Post[] {
  return posts
    .filter((post) => options.includeUnpublished || !isUnpublished(post, options.now))
    .sort((a, b) => b.postDate.instant.getTime() - a.postDate.instant.getTime() || a.slug.localeCompare(b.slug))
}

/** The clock builds publish against: BLOG_NOW (an ISO date, for tests and previews) or the real time. */
function readBuildClock(): Date {
  const override = process.env.BLOG_NOW
  if (!override) return new Date()
  const parsed = new Date(override)
  if (Number.isNaN(parsed.getTime())) throw new Error(`BLOG_NOW "${override}" is not a date; write it like 2026-01-01T00:00:00Z.`)
  return parsed
}

const publishOptions: PublishOptions = {
  now: readBuildClock(),
  includeUnpublished: process.env.NODE_ENV === 'development',
}

type Model = { published: readonly Post[]; tags: readonly Tag[]; tagsBySlug: ReadonlyMap<string, Tag>; archive: readonly Year[] }

function buildModel(generated: readonly GeneratedPost[]): Model {
  const published = selectPublished(loadValidPosts(generated), publishOptions)
  const tags = groupByTag(published)
  return { published, tags, tagsBySlug: new Map(tags.map((tag) => [tag.slug, tag])), archive: groupByDate(published) }
}

let model: { value: Model; version: number | undefined } | undefined

/**
 * The model, built on first use. Under `next dev` it is rebuilt when contentlayer has written the
 * posts again, so an edit shows on the next request without recompiling anything; while contentlayer
 * is mid-write the previous model is kept.
 */
function getModel(): Model {
  if (model && process.env.NODE_ENV !== 'development') return model.value
  const version = readGeneratedVersion()
  if (model && (version === undefined || version === model.version)) return model.value
  try {
    model = { value: buildModel(readGeneratedPosts()), version }
  } catch (error) {
    if (!model || process.env.NODE_ENV !== 'development') throw error
  }
  return model.value
}

/** All published posts, newest first. */
export function getPosts(): readonly Post[] {
  return getModel().published
}

/** The published post at this permalink's year, month and slug, or undefined. */
export function getPostAt(year: string, month: string, slug: string): Post | undefined {
  return getModel().published.find((post) => post.url === `/${year}/${month}/${slug}/`)
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
  const { published } = getModel()
  const index = published.indexOf(post)
  if (index < 0) return {}
  return { newer: published[index - 1], older: published[index + 1] }
}

// ---- Pagination of the home listing ----

/** Home pages there are; at least one, so an empty blog still has a home page. */
export function getPageCount(posts: readonly Post[] = getPosts()): number {
  return Math.max(1, Math.ceil(posts.length / POSTS_PER_PAGE))
}

/** The posts of home page `page` (1-based), or undefined when there is no such page. */
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
  return [...bySlug.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([slug, tagPosts]) => ({ slug, title: formatTagTitle(slug), posts: tagPosts }))
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
