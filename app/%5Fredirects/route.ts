import { getAliases } from '@/lib/posts'

export const dynamic = 'force-static'

/**
 * /_redirects: every alias as "from to 301", the format Netlify and Cloudflare Pages read, from which
 * `npm run export` also writes alias pages for hosts without redirects. Under `npm start`, proxy.ts redirects.
 */
export function GET() {
  const lines = getAliases().map(({ from, to }) => `${from} ${to} 301`)
  return new Response(lines.length > 0 ? `${lines.join('\n')}\n` : '', { headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
}
