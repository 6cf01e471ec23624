import { notFound } from 'next/navigation'
import { getPageCount, getPagePosts } from '@/lib/posts'
import { site } from '@/lib/site'
import { buildHomeGraph } from '@/lib/structured-data'
import { JsonLd } from './json-ld'
import { Pager } from './pager'
import { PostList } from './post-list'

/** Page `page` of the home listing, newest first; a page past the end is a 404. */
export function HomePage({ page }: { page: number }) {
  const posts = getPagePosts(page)
  if (!posts) notFound()
  const pageCount = getPageCount()
  return (
    <>
      <header className="page-header">
        <h1>{page === 1 ? site.title : `${site.title}: page ${page}`}</h1>
        {page === 1 && <p className="lede">{site.description}</p>}
      </header>
      <PostList posts={posts} />
      <Pager basePath="/" page={page} pageCount={pageCount} />
      {page === 1 && <JsonLd data={buildHomeGraph()} />}
    </>
  )
}
