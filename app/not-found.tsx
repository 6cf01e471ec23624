export default function NotFound() {
  return (
    <>
      <header className="page-header">
        <h1>Page not found</h1>
      </header>
      <p>There is nothing at this address. It may have moved, or the link may be mistyped.</p>
      <ul>
        <li>
          <a href="/">The newest posts</a>
        </li>
        <li>
          <a href="/posts/">Every post, by date</a>
        </li>
        <li>
          <a href="/tags/">Every tag</a>
        </li>
      </ul>
    </>
  )
}
