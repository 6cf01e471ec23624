/**
 * Site settings: the one place the title, base URL and author are written.
 * SITE_URL overrides the base URL for other deployments (staging, a mirror);
 * it must not end with a slash because every path we join starts with one.
 */
const DEFAULT_SITE_URL = 'https://blog.turboawesome.win'

function readSiteUrl(): string {
  const raw = process.env.SITE_URL?.trim() || DEFAULT_SITE_URL
  let parsed: URL
  try {
    parsed = new URL(raw)
  } catch {
    throw new Error(`SITE_URL "${raw}" is not an absolute URL; set it like "https://blog.example.com".`)
  }
  return parsed.href.replace(/\/+$/, '')
}

/** FEED_ITEM_LIMIT caps the items in every feed; unset (the default) keeps every post, as the live site does. */
function readFeedItemLimit(): number {
  const raw = process.env.FEED_ITEM_LIMIT?.trim()
  if (!raw) return Number.POSITIVE_INFINITY
  const limit = Number(raw)
  if (!Number.isInteger(limit) || limit < 1) {
    throw new Error(`FEED_ITEM_LIMIT "${raw}" must be a whole number of items, 1 or more; unset it to keep every post.`)
  }
  return limit
}

/**
 * How many of a feed's newest items carry the whole post; the older ones carry their description, as every
 * item did on the Hugo site. Feed readers fetch a feed every few minutes or hours and keep what they have
 * read, so only the newest items are ever read from it in full (Ghost sends 15, WordPress and jekyll-feed
 * 10). Bodies are nearly all of a feed's bytes: at 1,000 posts every post's body made each site-wide feed
 * 11 MB and all the feeds 145 MB, for every subscriber's poll and every build to make and compress.
 * FEED_FULL_CONTENT_ITEMS sets it; "all" puts the whole post in every item.
 */
function readFeedFullContentItems(): number {
  const raw = process.env.FEED_FULL_CONTENT_ITEMS?.trim()
  if (!raw) return DEFAULT_FEED_FULL_CONTENT_ITEMS
  if (raw === 'all') return Number.POSITIVE_INFINITY
  const count = Number(raw)
  if (!Number.isInteger(count) || count < 0) {
    throw new Error(`FEED_FULL_CONTENT_ITEMS "${raw}" must be a whole number of items (0 or more) or "all".`)
  }
  return count
}
const DEFAULT_FEED_FULL_CONTENT_ITEMS = 20

export const site = {
  title: 'Bits, Trades & Systems',
  description:
    'An engineering blog about distributed systems and financial technology: consistency, messaging, observability, trading infrastructure and what production teaches.',
  url: readSiteUrl(),
  author: 'Bits, Trades & Systems',
  language: 'en-us',
  feedItemLimit: readFeedItemLimit(),
  feedFullContentItems: readFeedFullContentItems(),
} as const

/**
 * The items of a feed (newest first) that carry the whole post: a feed's bytes change with these posts'
 * bodies and with no other post's (lib/posts.ts keys a tag's feeds by them).
 */
export function selectFullContentItems<T>(newestFirst: readonly T[]): T[] {
  return newestFirst.slice(0, Math.min(site.feedItemLimit, site.feedFullContentItems))
}

/** The absolute URL of a site path ("/tags/go/" -> "https://…/tags/go/"). */
export function absoluteUrl(path: string): string {
  return `${site.url}${path}`
}
