import { feedResponse, getTagFeed, getTagFeedParams } from '@/lib/feed'

export const dynamic = 'force-static'
export const dynamicParams = false
export const generateStaticParams = getTagFeedParams

export async function GET(_request: Request, { params }: { params: Promise<{ tag: string }> }) {
  return feedResponse(getTagFeed((await params).tag), 'rss')
}
