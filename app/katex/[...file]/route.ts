import { getKatexFiles, KATEX_VERSION } from '@/lib/katex-assets'

export const dynamic = 'force-static'
export const dynamicParams = false

/** The version segment and the file below it: /katex/<version>/katex.min.css and its fonts. */
export function generateStaticParams() {
  return [...getKatexFiles().keys()].map((path) => ({ file: [KATEX_VERSION, ...path.split('/')] }))
}

/** KaTeX's stylesheet or one of its fonts. */
export async function GET(_request: Request, { params }: { params: Promise<{ file: string[] }> }) {
  const [version, ...path] = (await params).file
  const file = version === KATEX_VERSION ? getKatexFiles().get(path.join('/')) : undefined
  if (!file) return new Response('Not found.\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  return new Response(new Uint8Array(file.bytes), { headers: { 'Content-Type': file.type } })
}
