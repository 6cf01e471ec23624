'use client'

import { useEffect, useRef, useState, type ReactNode } from 'react'

type Result = { url: string; title: string; date: string; excerpt: string }

type Pagefind = {
  search: (query: string) => Promise<{ results: { data: () => Promise<{ url: string; meta: Record<string, string>; excerpt: string }> }[] }>
}

const MAX_RESULTS = 20

/** Loads the index built at build time (lib/search.ts) only when someone searches: nothing for other pages. */
async function loadPagefind(): Promise<Pagefind> {
  // A URL import the bundler must leave alone: the file is a build output, served by app/pagefind.
  return import(/* webpackIgnore: true */ /* turbopackIgnore: true */ '/pagefind/pagefind.js' as string)
}

/**
 * The search form and its results. The server renders `fallback` (what to do without JavaScript) in its place;
 * once the script runs, the form replaces it.
 */
export function SearchBox({ fallback }: { fallback: ReactNode }) {
  const [ready, setReady] = useState(false)
  const [query, setQuery] = useState('')
  const [results, setResults] = useState<Result[] | null>(null)
  const pagefind = useRef<Promise<Pagefind> | null>(null)

  useEffect(() => {
    setReady(true)
    const initial = new URLSearchParams(window.location.search).get('q') ?? ''
    if (initial) setQuery(initial)
  }, [])

  useEffect(() => {
    const text = query.trim()
    if (!text) {
      setResults(null)
      return
    }
    let cancelled = false
    const timer = setTimeout(async () => {
      pagefind.current ??= loadPagefind()
      const search = await (await pagefind.current).search(text)
      const data = await Promise.all(search.results.slice(0, MAX_RESULTS).map((result) => result.data()))
      if (!cancelled) {
        setResults(data.map((item) => ({ url: item.url, title: item.meta.title ?? item.url, date: item.meta.date ?? '', excerpt: item.excerpt })))
      }
    }, 150)
    return () => {
      cancelled = true
      clearTimeout(timer)
    }
  }, [query])

  if (!ready) return fallback
  return (
    <div className="search">
      <form role="search" action="/search/" onSubmit={(event) => event.preventDefault()}>
        <label htmlFor="search-input">Search the posts</label>
        <input
          id="search-input"
          type="search"
          name="q"
          value={query}
          autoComplete="off"
          onChange={(event) => {
            setQuery(event.target.value)
            window.history.replaceState(null, '', event.target.value ? `?q=${encodeURIComponent(event.target.value)}` : window.location.pathname)
          }}
        />
      </form>
      <p role="status" className="search-status">
        {results === null ? '' : `${results.length} ${results.length === 1 ? 'result' : 'results'}`}
      </p>
      {results && results.length > 0 && (
        <ol className="search-results">
          {results.map((result) => (
            <li key={result.url}>
              <article>
                <h2>
                  <a href={result.url}>{result.title}</a>
                </h2>
                <p className="post-meta">{result.date}</p>
                {/* pagefind's excerpt: our own text, HTML-escaped by pagefind, with <mark> around the matches. */}
                <p dangerouslySetInnerHTML={{ __html: result.excerpt }} />
              </article>
            </li>
          ))}
        </ol>
      )}
    </div>
  )
}
