/**
 * Conditional GET for feeds under `next start`: Next serves prerendered route handlers without
 * validators, and feed readers poll every few minutes, so a 304 saves them (and us) the whole body.
 */
import { NextResponse, type NextRequest } from 'next/server'
import { FEED_CACHE_CONTROL, FEED_CONTENT_TYPES, getFeedValidators, isNotModified, prefersHtml } from '@/lib/feed'

export function proxy(request: NextRequest) {
  const validators = getFeedValidators(request.nextUrl.pathname)
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
  matcher: ['/index.xml', '/atom.xml', '/feed.json', '/posts/:file(index.xml|atom.xml|feed.json)', '/tags/index.xml', '/tags/:tag/:file(index.xml|atom.xml|feed.json)'],
}
