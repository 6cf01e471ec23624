import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { PostDate } from '@/app/_components/post-date'
import { TagList } from '@/app/_components/tag-list'
import { getTagFeedLink } from '@/lib/feed'
import { buildAlternates } from '@/lib/metadata'
import { JsonLd } from '@/app/_components/json-ld'
import { OG_IMAGE_SIZE } from '@/app/_components/og-image'
import { PostList } from '@/app/_components/post-list'
import { TableOfContents } from '@/app/_components/table-of-contents'
import {
  getAdjacentPosts,
  getPostAt,
  getPosts,
  getReadingMinutes,
  getRelatedPosts,
  isShownAsDraft,
  MIN_HEADINGS_FOR_TOC,
  selectToRender,
  toPermalinkParams,
} from '@/lib/posts'
import { KATEX_STYLESHEET } from '@/lib/katex-assets'
import { buildBlogPosting } from '@/lib/structured-data'
import { absoluteUrl } from '@/lib/site'

type Props = { params: Promise<{ year: string; month: string; slug: string }> }

export const dynamicParams = false

export function generateStaticParams() {
  return selectToRender(getPosts(), (post) => `${post.url}index.html`).map(toPermalinkParams)
}

async function findPost(params: Props['params']) {
  const { year, month, slug } = await params
  const post = getPostAt(year, month, slug)
  if (!post) notFound()
  return post
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const post = await findPost(params)
  const tagFeeds = post.tagSlugs.flatMap((slug) => getTagFeedLink(slug) ?? [])
  return {
    title: post.title,
    description: post.description,
    keywords: [...post.tagSlugs],
    alternates: buildAlternates(post.url, tagFeeds),
    openGraph: {
      type: 'article',
      title: post.title,
      description: post.description,
      url: absoluteUrl(post.url),
      publishedTime: new Date(post.date).toISOString(),
      modifiedTime: post.updated && new Date(post.updated).toISOString(),
      tags: [...post.tagSlugs],
      // A post with images leads with its first (processed, in a format every scraper reads); the share card follows.
      images: [...(post.image ? [{ url: post.image, alt: post.title }] : []), { url: `${post.url}og.png`, ...OG_IMAGE_SIZE, alt: post.title }],
    },
  }
}

export default async function PostPage({ params }: Props) {
  const post = await findPost(params)
  const { newer, older } = getAdjacentPosts(post)
  const related = getRelatedPosts(post)
  return (
    <article className="post">
      <header className="post-header">
        <h1>
          {post.title}
          {isShownAsDraft(post) && <span className="draft-mark"> (draft)</span>}
        </h1>
        <p className="post-meta">
          <PostDate date={post.date} />
          {post.updated && (
            <>
              {' · '}
              <PostDate date={post.updated} prefix="Updated " />
            </>
          )}
          {' · '}
          <span>{getReadingMinutes(post)} min read</span>
        </p>
        <TagList slugs={post.tagSlugs} />
      </header>
      {post.headings.length >= MIN_HEADINGS_FOR_TOC && <TableOfContents headings={post.headings} />}
      {/* KaTeX's CSS only where there is math; React hoists it into the head. */}
      {post.mathHtml && <link rel="stylesheet" href={KATEX_STYLESHEET} precedence="default" />}
      {/* Rendered once from MDX at content build time (lib/mdx/render-html.tsx), from our own git content. */}
      <div className="prose" dangerouslySetInnerHTML={{ __html: post.mathHtml || post.html }} />
      <nav className="post-nav" aria-label="More posts">
        {older ? (
          <Link href={older.url} rel="prev">
            <span className="post-nav-label">← Previous post</span>
            {older.title}
          </Link>
        ) : (
          <span />
        )}
        {newer ? (
          <Link href={newer.url} rel="next" className="post-nav-next">
            <span className="post-nav-label">Next post →</span>
            {newer.title}
          </Link>
        ) : (
          <span />
        )}
      </nav>
      {related.length > 0 && (
        <section className="related" aria-labelledby="related-title">
          <h2 id="related-title">Related posts</h2>
          <PostList posts={related} headingLevel={3} />
        </section>
      )}
      <JsonLd data={buildBlogPosting(post)} />
    </article>
  )
}
