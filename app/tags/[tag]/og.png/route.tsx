import { notFound } from 'next/navigation'
import { renderOgImage } from '@/app/_components/og-image'
import { getTagFeedParams } from '@/lib/feed'
import { getTag, selectToRender } from '@/lib/posts'
import { tagPath } from '@/lib/urls'

export const dynamic = 'force-static'
export const dynamicParams = false

export function generateStaticParams() {
  return selectToRender(getTagFeedParams(), ({ tag }) => `${tagPath(tag)}og.png`)
}

/** The tag page's share image, at /tags/<tag>/og.png. */
export async function GET(_request: Request, { params }: { params: Promise<{ tag: string }> }) {
  const tag = getTag((await params).tag)
  if (!tag) notFound()
  return renderOgImage(`Posts tagged ${tag.title}`, `${tag.posts.length} post${tag.posts.length === 1 ? '' : 's'}`)
}
