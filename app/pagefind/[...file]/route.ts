import { getSearchFileType, getSearchIndexFiles } from '@/lib/search'

export const dynamic = 'force-static'
export const dynamicParams = false

export async function generateStaticParams() {
  return [...(await getSearchIndexFiles()).keys()].map((path) => ({ file: path.split('/') }))
}

/** One file of the search bundle (the script, its WebAssembly, the index and fragments). */
export async function GET(_request: Request, { params }: { params: Promise<{ file: string[] }> }) {
  const path = (await params).file.join('/')
  const bytes = (await getSearchIndexFiles()).get(path)
  if (!bytes) return new Response('Not found.\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  return new Response(Buffer.from(bytes), { headers: { 'Content-Type': getSearchFileType(path) } })
}
