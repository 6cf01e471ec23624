import { notFound } from 'next/navigation'
import { renderOgImage } from '@/app/_components/og-image'
import { formatPostDate } from '@/lib/dates'
import { getPostAt, getPosts, selectToRender, toPermalinkParams } from '@/lib/posts'

export const dynamic = 'force-static'
export const dynamicParams = false

export function generateStaticParams() {
  return selectToRender(getPosts(), (post) => `${post.url}og.png`).map(toPermalinkParams)
}

/** The post's share image, at <permalink>og.png. */
export async function GET(_request: Request, { params }: { params: Promise<{ year: string; month: string; slug: string }> }) {
  const { year, month, slug } = await params
  const post = getPostAt(year, month, slug)
  if (!post) notFound()
  return renderOgImage(post.title, formatPostDate(post.date))
}
