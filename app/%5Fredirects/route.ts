import { getRedirects } from '@/lib/posts'

export const dynamic = 'force-static'

/**
 * /_redirects: every old URL as "from to 301", the format Netlify and Cloudflare Pages read. Both of our
 * servers read it too (server.mjs, and deploy/render-nginx.mjs writes it as an nginx map), and the build's
 * finishing step leaves an alias page at each old URL for hosts that cannot redirect.
 */
export function GET() {
  const lines = getRedirects().map(({ from, to }) => `${from} ${to} 301`)
  return new Response(lines.length > 0 ? `${lines.join('\n')}\n` : '', { headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
}
