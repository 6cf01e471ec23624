import Link from 'next/link'
import { homePagePath } from '@/lib/urls'

/** Newer/older links between home listing pages; hrefs are worked out here on the server. */
export function Pager({ page, pageCount }: { page: number; pageCount: number }) {
  if (pageCount <= 1) return null
  return (
    <nav className="pager" aria-label="Pages">
      {page > 1 ? (
        <Link href={homePagePath(page - 1)} rel="prev">
          ← Newer posts
        </Link>
      ) : (
        <span />
      )}
      <span className="pager-position">
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? (
        <Link href={homePagePath(page + 1)} rel="next">
          Older posts →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  )
}
