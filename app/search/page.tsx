import type { Metadata } from 'next'
import { buildAlternates } from '@/lib/metadata'
import { OUR_SCRIPT_ATTRIBUTE } from '@/lib/inline-scripts.mjs'
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
      {/* public/search.js replaces this with the search form; its policy (lib/http-rules.mjs) lets pagefind run WebAssembly. */}
      <div id="search" className="search">
        <p>
          Search runs in your browser and needs JavaScript. Without it, browse <a href="/tags/">every tag</a> or <a href="/posts/">every post by date</a>.
        </p>
      </div>
      <script src="/search.js" defer {...{ [OUR_SCRIPT_ATTRIBUTE]: '' }} />
    </>
  )
}
