import { streamContentPasses } from '@/lib/content-events'
import { CONTENT_PASS_FILE, readContentPass } from '@/lib/posts'

/**
 * Under `next dev` only (next.config.mjs gives the dev server the ".dev.ts" page extension): each pass of
 * contentlayer2 dev as a server-sent event, which open pages listen to (lib/content-events.ts).
 */
export const dynamic = 'force-dynamic'

export function GET(request: Request): Response {
  return new Response(streamContentPasses(CONTENT_PASS_FILE, readContentPass, request.signal), {
    // no-transform: the dev server's compression would otherwise hold events back.
    headers: { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache, no-transform' },
  })
}
