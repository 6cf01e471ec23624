import type { Metadata } from 'next'
import Link from 'next/link'
import { SearchBox } from '@/app/_components/search-box'
import { buildAlternates } from '@/lib/metadata'
import { site } from '@/lib/site'

export const metadata: Metadata = {
  title: 'Search',
  description: `Search every post on ${site.title}.`,
  alternates: buildAlternates('/search/'),
}

export default function SearchPage() {
  return (
    <>
      <header className="page-header">
        <h1>Search</h1>
      </header>
      {/* pagefind's engine is WebAssembly: this attribute tells server.mjs and nginx to allow it on this page only. */}
      <div data-needs-wasm="pagefind" hidden />
      <SearchBox
        fallback={
          <p>
            Search runs in your browser and needs JavaScript. Without it, browse <Link href="/tags/">every tag</Link> or{' '}
            <Link href="/posts/">every post by date</Link>.
          </p>
        }
      />
    </>
  )
}
