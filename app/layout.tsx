import type { Metadata } from 'next'
import Link from 'next/link'
import type { ReactNode } from 'react'
import { buildAlternates } from '@/lib/metadata'
import { site } from '@/lib/site'
import { THEME_INIT_SCRIPT } from '@/lib/theme'
import { feedPath } from '@/lib/urls'
import { ThemeToggle } from './_components/theme-toggle'
import './globals.css'

export const metadata: Metadata = {
  metadataBase: new URL(site.url),
  title: { default: site.title, template: `%s · ${site.title}` },
  description: site.description,
  alternates: buildAlternates('/'),
  openGraph: { siteName: site.title, type: 'website', locale: 'en_US' },
  twitter: { card: 'summary_large_image' },
}

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // The theme script sets data-theme before React hydrates, hence suppressHydrationWarning on <html> only.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_INIT_SCRIPT }} />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <Link href="/" className="site-title">
            {site.title}
          </Link>
          <nav aria-label="Site">
            <ul>
              <li>
                <Link href="/posts/">Archive</Link>
              </li>
              <li>
                <Link href="/tags/">Tags</Link>
              </li>
              <li>
                <Link href="/search/">Search</Link>
              </li>
              <li>
                <a href={feedPath('/', 'rss')}>RSS</a>
              </li>
            </ul>
          </nav>
          <ThemeToggle />
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
