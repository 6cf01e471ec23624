import { feedResponse, getPostsSectionFeed } from '@/lib/feed'

export const dynamic = 'force-static'

export function GET() {
  return feedResponse(getPostsSectionFeed(), 'atom')
}
