import { listingPagePath } from '@/lib/urls'

/** Newer/older links between the pages of a listing at `basePath` ("/", "/tags/go/"); hrefs are worked out on the server. */
export function Pager({ basePath, page, pageCount }: { basePath: string; page: number; pageCount: number }) {
  if (pageCount <= 1) return null
  return (
    <nav className="pager" aria-label="Pages">
      {page > 1 ? (
        <a href={listingPagePath(basePath, page - 1)} rel="prev">
          ← Newer posts
        </a>
      ) : (
        <span />
      )}
      <span className="pager-position">
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? (
        <a href={listingPagePath(basePath, page + 1)} rel="next">
          Older posts →
        </a>
      ) : (
        <span />
      )}
    </nav>
  )
}
