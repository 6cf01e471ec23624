import Link from 'next/link'

export default function NotFound() {
  return (
    <>
      <header className="page-header">
        <h1>Page not found</h1>
      </header>
      <p>There is nothing at this address. It may have moved, or the link may be mistyped.</p>
      <ul>
        <li>
          <Link href="/">The newest posts</Link>
        </li>
        <li>
          <Link href="/posts/">Every post, by date</Link>
        </li>
        <li>
          <Link href="/tags/">Every tag</Link>
        </li>
      </ul>
    </>
  )
}
