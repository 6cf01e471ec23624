/** Pieces of Next metadata that several pages share: canonical URLs and feed autodiscovery. */
import type { Metadata } from 'next'
import { absoluteUrl, site } from './site'
import { feedPath } from './urls'

type Alternates = NonNullable<Metadata['alternates']>

/** <link rel="alternate"> for the RSS, Atom and JSON feeds in `folder`, plus the page's canonical URL. */
export function buildAlternates(canonicalPath: string, feeds: { folder: string; title: string }[] = []): Alternates {
  const all = [{ folder: '/', title: site.title }, ...feeds.filter((feed) => feed.folder !== '/')]
  return {
    canonical: absoluteUrl(canonicalPath),
    types: {
      'application/rss+xml': all.map(({ folder, title }) => ({ url: feedPath(folder, 'rss'), title: `${title} (RSS)` })),
      'application/atom+xml': all.map(({ folder, title }) => ({ url: feedPath(folder, 'atom'), title: `${title} (Atom)` })),
      'application/feed+json': all.map(({ folder, title }) => ({ url: feedPath(folder, 'json'), title: `${title} (JSON Feed)` })),
    },
  }
}

/** The share card of the home page and of the listings without one of their own (app/og.png/route.tsx). */
export const SITE_OG_IMAGE = {
  url: '/og.png',
  width: 1200,
  height: 630,
  alt: `${site.title}: an engineering blog about distributed systems and financial technology`,
} as const
