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

export const site = {
  title: 'Bits, Trades & Systems',
  description:
    'An engineering blog about distributed systems and financial technology: consistency, messaging, observability, trading infrastructure and what production teaches.',
  url: readSiteUrl(),
  author: 'Bits, Trades & Systems',
  language: 'en-us',
  feedItemLimit: readFeedItemLimit(),
} as const

/** The absolute URL of a site path ("/tags/go/" -> "https://…/tags/go/"). */
export function absoluteUrl(path: string): string {
  return `${site.url}${path}`
}
