import type { Metadata, Viewport } from 'next'
import type { ReactNode } from 'react'
import { contentReloadScript } from '@/lib/content-events'
import { buildAlternates, SITE_OG_IMAGE } from '@/lib/metadata'
import { readContentPass } from '@/lib/posts'
import { OUR_SCRIPT_ATTRIBUTE, SPECULATION_RULES, THEME_SCRIPT } from '@/lib/inline-scripts.mjs'
import { site } from '@/lib/site'
import { THEME_COLOURS } from '@/lib/theme-colours'
import { feedPath } from '@/lib/urls'
import './globals.css'

export const metadata: Metadata = {
  metadataBase: new URL(site.url),
  title: { default: site.title, template: `%s · ${site.title}` },
  description: site.description,
  alternates: buildAlternates('/'),
  openGraph: { siteName: site.title, type: 'website', locale: 'en_US', images: [SITE_OG_IMAGE] },
  twitter: { card: 'summary_large_image', images: [SITE_OG_IMAGE.url] },
  manifest: '/manifest.webmanifest',
}

export const viewport: Viewport = {
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: THEME_COLOURS.light },
    { media: '(prefers-color-scheme: dark)', color: THEME_COLOURS.dark },
  ],
}

/** Marks a script as ours, so the build's finishing step keeps it (scripts/finish-build.mjs). */
const ours = { [OUR_SCRIPT_ATTRIBUTE]: '' }

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <head>
        <script {...ours} dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
        <script type="speculationrules" dangerouslySetInnerHTML={{ __html: SPECULATION_RULES }} />
        {/* `next dev` only: shows a saved post in the open page (lib/content-events.ts). */}
        {process.env.NODE_ENV === 'development' && <script dangerouslySetInnerHTML={{ __html: contentReloadScript(readContentPass()) }} />}
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <a href="/" className="site-title">
            {site.title}
          </a>
          <nav aria-label="Site">
            <ul>
              <li>
                <a href="/posts/">Archive</a>
              </li>
              <li>
                <a href="/tags/">Tags</a>
              </li>
              <li>
                <a href="/search/">Search</a>
              </li>
              <li>
                <a href={feedPath('/', 'rss')}>RSS</a>
              </li>
            </ul>
          </nav>
          {/* Shown and wired by public/theme.js, which THEME_SCRIPT loads: without JavaScript there is no toggle, and the system's theme applies. */}
          <button type="button" className="theme-toggle" hidden>
            Theme
          </button>
        </header>
        <main id="main">{children}</main>
        <footer className="site-footer">
          <p>
            {site.title}. Subscribe: <a href={feedPath('/', 'rss')}>RSS</a> · <a href={feedPath('/', 'atom')}>Atom</a> ·{' '}
            <a href={feedPath('/', 'json')}>JSON Feed</a>
          </p>
        </footer>
      </body>
    </html>
  )
}
