import { hasProcessedImage, listImageUrls, readProcessedImage, IMAGE_URL_PREFIX } from '@/lib/image-files'
import { getPosts } from '@/lib/posts'

export const dynamic = 'force-static'
export const dynamicParams = false

/** The processed images of published posts only: a draft's images never reach the export. */
export function generateStaticParams() {
  const files = [...new Set(getPosts().flatMap((post) => listImageUrls(post.html)))].map((url) => url.slice(IMAGE_URL_PREFIX.length))
  const missing = files.filter((file) => !hasProcessedImage(file))
  if (missing.length > 0) {
    throw new Error(
      `Processed images missing from .contentlayer/images (${missing.join(', ')}): delete .contentlayer and run \`npx contentlayer2 build\` again.`,
    )
  }
  return files.map((file) => ({ file: [file] }))
}

/** One processed image variant, written by the content build (lib/images.ts). */
export async function GET(_request: Request, { params }: { params: Promise<{ file: string[] }> }) {
  const image = readProcessedImage((await params).file.join('/'))
  if (!image) return new Response('Not found.\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  return new Response(new Uint8Array(image.bytes), { headers: { 'Content-Type': image.type } })
}
