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

export const site = {
  title: 'Bits, Trades & Systems',
  description:
    'An engineering blog about distributed systems and financial technology: consistency, messaging, observability, trading infrastructure and what production teaches.',
  url: readSiteUrl(),
  author: 'Bits, Trades & Systems',
  language: 'en-us',
} as const

/** The absolute URL of a site path ("/tags/go/" -> "https://…/tags/go/"). */
export function absoluteUrl(path: string): string {
  return `${site.url}${path}`
}
