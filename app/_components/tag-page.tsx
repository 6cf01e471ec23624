import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { getTagFeedLink } from '@/lib/feed'
import { buildAlternates } from '@/lib/metadata'
import { getPageCount, getPagePosts, getTag } from '@/lib/posts'
import { feedPath, listingPagePath, tagPath } from '@/lib/urls'
import { OG_IMAGE_SIZE } from './og-image'
import { Pager } from './pager'
import { PostList } from './post-list'

/** The tag and its posts on page `page`, or a 404 for a tag no published post has or a page past the end. */
function findTagPage(slug: string, page: number) {
  const tag = getTag(slug)
  const feed = getTagFeedLink(slug)
  const posts = tag && getPagePosts(page, tag.posts)
  if (!tag || !feed || !posts) notFound()
  const title = page === 1 ? tag.title : `${tag.title}: page ${page}`
  return { tag, title, feed, posts, pageCount: getPageCount(tag.posts) }
}

export function buildTagPageMetadata(slug: string, page: number): Metadata {
  const { tag, title, feed } = findTagPage(slug, page)
  const path = listingPagePath(tagPath(tag.slug), page)
  return {
    title,
    description: feed.description,
    alternates: buildAlternates(path, [feed]),
    openGraph: { title, description: feed.description, url: path, images: [{ url: `${tagPath(tag.slug)}og.png`, ...OG_IMAGE_SIZE }] },
  }
}

/** Page `page` of a tag's listing, newest first, ten posts a page with Hugo's URLs (/tags/<tag>/page/N/). */
export function TagPage({ slug, page }: { slug: string; page: number }) {
  const { tag, title, feed, posts, pageCount } = findTagPage(slug, page)
  return (
    <>
      <header className="page-header">
        <h1>{title}</h1>
        <p className="lede">
          {`${tag.posts.length} post${tag.posts.length === 1 ? '' : 's'}. Subscribe to this tag: `}
          <a href={feedPath(feed.folder, 'rss')} type="application/rss+xml">
            RSS feed
          </a>
          {' · '}
          <a href={feedPath(feed.folder, 'atom')} type="application/atom+xml">
            Atom
          </a>
          {' · '}
          <a href={feedPath(feed.folder, 'json')} type="application/feed+json">
            JSON Feed
          </a>
        </p>
      </header>
      <PostList posts={posts} />
      <Pager basePath={tagPath(tag.slug)} page={page} pageCount={pageCount} />
    </>
  )
}
