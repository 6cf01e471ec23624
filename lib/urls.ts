/**
 * Every URL path of the site is built here, and every one ends with "/"
 * (next.config.mjs sets trailingSlash) except the feed files.
 * Pure functions with no content import, so contentlayer.config.ts can use them too.
 */
import { padMonth, type PostDate } from './dates'

export type FeedFormat = 'rss' | 'atom' | 'json'

/** The file name of each feed format, as served in every feed folder. */
export const FEED_FILES: Readonly<Record<FeedFormat, string>> = {
  rss: 'index.xml',
  atom: 'atom.xml',
  json: 'feed.json',
}

/** Every feed format, in the order a feed folder lists them. */
export const FEED_FORMATS = Object.keys(FEED_FILES) as readonly FeedFormat[]

/** "Distributed Systems" or "distributed_systems" -> "distributed-systems". Every tag URL goes through this. */
export function tagSlug(tag: string): string {
  return tag
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
}

/** A tag's display title as Hugo renders a term: "distributed-systems" -> "Distributed-Systems". */
export function formatTagTitle(slug: string): string {
  return slug.replace(/(^|[\s-])([a-z])/g, (_, separator: string, letter: string) => separator + letter.toUpperCase())
}

/** "/2025/04/<slug>/": year and month as written in the post's own offset. */
export function buildPermalink(date: PostDate, slug: string): string {
  return `/${date.year}/${padMonth(date.month)}/${slug}/`
}

/** "/tags/<slug>/". */
export function tagPath(slug: string): string {
  return `/tags/${slug}/`
}

/** Page N of a paged listing at `basePath`, as Hugo pages them: the listing itself for 1, "<basePath>page/N/" after. */
export function listingPagePath(basePath: string, page: number): string {
  return page <= 1 ? basePath : `${basePath}page/${page}/`
}

/** The home page's page N: "/" for 1, "/page/N/" after. */
export function homePagePath(page: number): string {
  return listingPagePath('/', page)
}

/** "/2025/". */
export function yearPath(year: number): string {
  return `/${year}/`
}

/** "/2025/04/". */
export function monthPath(year: number, month: number): string {
  return `/${year}/${padMonth(month)}/`
}

/** A feed in a folder: feedPath("/tags/go/", "atom") -> "/tags/go/atom.xml". */
export function feedPath(folder: string, format: FeedFormat): string {
  return `${folder}${FEED_FILES[format]}`
}
