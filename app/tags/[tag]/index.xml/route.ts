import { feedResponse, getTagFeed, getTagFeedSlugs } from '@/lib/feed'

export const dynamic = 'force-static'
export const dynamicParams = false

export function generateStaticParams() {
  return getTagFeedSlugs().map((tag) => ({ tag }))
}

export async function GET(_request: Request, { params }: { params: Promise<{ tag: string }> }) {
  const { tag } = await params
  return feedResponse(getTagFeed(tag), 'rss')
}
