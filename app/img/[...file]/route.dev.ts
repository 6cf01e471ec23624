import { readProcessedImage } from '@/lib/image-files.mjs'

/**
 * Under `next dev` only (next.config.mjs gives the dev server the ".dev.ts" page extension): one processed
 * image from the content build's cache (lib/images.ts). A build has no such route: the finishing step copies
 * into out/ exactly the images its pages refer to (scripts/finish-build.mjs), so a blog without images needs
 * no empty route, and a draft's images never ship.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ file: string[] }> }) {
  const image = readProcessedImage((await params).file.join('/'))
  if (!image) return new Response('Not found.\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  return new Response(new Uint8Array(image.bytes), { headers: { 'Content-Type': image.type } })
}
