/**
 * Runs before every route under `npm start` (the static export has its own equivalents):
 * - an alias (an old URL in a post's frontmatter) answers a permanent redirect to the post;
 * - feeds get ETag, Last-Modified and Cache-Control, and conditional requests a 304, because Next
 *   serves prerendered route handlers without validators and feed readers poll every few minutes.
 */
import { NextResponse, type NextRequest } from 'next/server'
import { FEED_CACHE_CONTROL, FEED_CONTENT_TYPES, getFeedValidators, isNotModified, prefersHtml } from '@/lib/feed'
import { getAliasTarget } from '@/lib/posts'

export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl
  const target = getAliasTarget(pathname)
  if (target) return NextResponse.redirect(new URL(target, request.url), 308)

  const validators = getFeedValidators(pathname)
  if (!validators) return NextResponse.next()
  const headers = {
    ETag: validators.etag,
    'Last-Modified': validators.lastModified.toUTCString(),
    'Cache-Control': FEED_CACHE_CONTROL,
  }
  if ((request.method === 'GET' || request.method === 'HEAD') && isNotModified(request.headers, validators)) {
    return new NextResponse(null, { status: 304, headers })
  }
  const response = NextResponse.next()
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value)
  response.headers.append('Vary', 'Accept')
  // Browsers show application/rss+xml and atom+xml as raw text and skip the XSL stylesheet; when the request
  // is a page navigation (it asks for HTML), label the same bytes application/xml so the stylesheet applies.
  if (validators.contentType !== FEED_CONTENT_TYPES.json && prefersHtml(request.headers.get('accept'))) {
    response.headers.set('Content-Type', 'application/xml; charset=utf-8')
  }
  return response
}

export const config = {
  // Everything but Next's hashed assets: an alias can be any old path.
  matcher: ['/((?!_next/static|_next/image).*)'],
}
