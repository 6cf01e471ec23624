import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { OG_IMAGE_SIZE } from '@/app/_components/og-image'
import { PostList } from '@/app/_components/post-list'
import { getTagFeed, getTagFeedParams } from '@/lib/feed'
import { buildAlternates } from '@/lib/metadata'
import { getTag } from '@/lib/posts'
import { feedPath, tagPath } from '@/lib/urls'

type Props = { params: Promise<{ tag: string }> }

export const dynamicParams = false

export function generateStaticParams() {
  return getTagFeedParams()
}

async function findTag(params: Props['params']) {
  const { tag: slug } = await params
  const tag = getTag(slug)
  const feed = getTagFeed(slug)
  if (!tag || !feed) notFound()
  return { tag, feed }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { tag, feed } = await findTag(params)
  return {
    title: tag.title,
    description: feed.description,
    alternates: buildAlternates(tagPath(tag.slug), [feed]),
    openGraph: { title: tag.title, description: feed.description, url: tagPath(tag.slug), images: [{ url: `${tagPath(tag.slug)}og.png`, ...OG_IMAGE_SIZE }] },
  }
}

export default async function TagPage({ params }: Props) {
  const { tag, feed } = await findTag(params)
  return (
    <>
      <header className="page-header">
        <h1>{tag.title}</h1>
        <p className="lede">
          {tag.posts.length} post{tag.posts.length === 1 ? '' : 's'}. Subscribe to this tag:{' '}
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
      <PostList posts={tag.posts} />
    </>
  )
}
