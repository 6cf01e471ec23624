import { getContentType } from '@/lib/http-rules.mjs'
import { getDevSearchIndexFiles } from '@/lib/search'

/**
 * Under `next dev` only (next.config.mjs gives the dev server the ".dev.ts" page extension): one file of the
 * search bundle (the script, its WebAssembly, the index and fragments), indexed from the posts as they are
 * now. A build exports the records instead (app/search-records.jsonl/route.build.ts) and its finishing step
 * writes the bundle into out/pagefind/.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ file: string[] }> }) {
  const path = (await params).file.join('/')
  const bytes = (await getDevSearchIndexFiles()).get(path)
  if (!bytes) return new Response('Not found.\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  return new Response(Buffer.from(bytes), { headers: { 'Content-Type': getContentType(path) } })
}
