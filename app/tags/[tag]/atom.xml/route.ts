import { feedResponse, getTagFeed, selectTagFeedParams } from '@/lib/feed'

export const dynamic = 'force-static'
export const dynamicParams = false
export const generateStaticParams = () => selectTagFeedParams('atom')

export async function GET(_request: Request, { params }: { params: Promise<{ tag: string }> }) {
  return feedResponse(getTagFeed((await params).tag), 'atom')
}
