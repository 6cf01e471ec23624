import { notFound } from 'next/navigation'
import { renderOgImage } from '@/app/_components/og-image'
import { formatPostDate } from '@/lib/dates'
import { getPostAt } from '@/lib/posts'
import { generateStaticParams as generatePostParams } from '../page'

export const dynamic = 'force-static'
export const dynamicParams = false
export const generateStaticParams = generatePostParams

/** The post's share image, at <permalink>og.png. */
export async function GET(_request: Request, { params }: { params: Promise<{ year: string; month: string; slug: string }> }) {
  const { year, month, slug } = await params
  const post = getPostAt(year, month, slug)
  if (!post) notFound()
  return renderOgImage(post.title, formatPostDate(post.date))
}
