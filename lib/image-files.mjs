/**
 * Where processed images live and how their URLs are spelled. The content build (lib/images.ts) writes
 * them; app/img/[...file]/route.ts exports them. This module has no sharp in it, so the route stays light.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/** Site-root prefix of every processed image. Distinct from public/'s files, which are served as they are. */
export const IMAGE_URL_PREFIX = '/img/'

/**
 * Processed images, named by the sha256 of their source, width and format; cleared with contentlayer's own
 * cache. The folder is versioned by the encoder settings (lib/images.ts): change a quality or effort there,
 * bump it here, and every variant is made again instead of a stale one being reused.
 */
export const IMAGE_CACHE_DIR = join(/* turbopackIgnore: true */ process.cwd(), '.contentlayer', 'images', 'v1')

/** How wide a post image shows (the `sizes` attribute): the text column (70ch) on wide screens, the viewport on phones. */
export const IMAGE_SIZES = '(min-width: 48rem) 44rem, calc(100vw - 2rem)'

/** Output formats, by file extension. */
export const IMAGE_TYPES = {
  avif: 'image/avif',
  webp: 'image/webp',
  jpg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  svg: 'image/svg+xml',
} as const

export type ImageExtension = keyof typeof IMAGE_TYPES

/** Characters of the source hash that go into a URL: 64 bits, unique enough for one blog's images. */
const URL_HASH_LENGTH = 16

/** The cache file of one variant: the full sha256 of the source bytes, the width and the format. */
export function buildCacheFileName(sha256: string, width: number, extension: ImageExtension): string {
  return `${sha256}.${width}.${extension}`
}

/** "/img/photo.3f2a….960.avif": the source's name (for people reading the HTML), hash, width and format. */
export function buildImageUrl(stem: string, sha256: string, width: number, extension: ImageExtension): string {
  const name =
    stem
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'image'
  return `${IMAGE_URL_PREFIX}${name}.${sha256.slice(0, URL_HASH_LENGTH)}.${width}.${extension}`
}

const URL_FILE = /^[a-z0-9-]+\.([0-9a-f]{16})\.(\d+)\.(avif|webp|jpg|png|gif|svg)$/

/** Every processed image URL in a post's HTML (src and srcset), each once, in order. */
export function listImageUrls(html: string): string[] {
  const pattern = new RegExp(`${IMAGE_URL_PREFIX}[a-z0-9-]+\\.[0-9a-f]{${URL_HASH_LENGTH}}\\.\\d+\\.(?:avif|webp|jpg|png|gif|svg)`, 'g')
  return [...new Set(html.match(pattern) ?? [])]
}

/**
 * The bytes and content type of the processed image at `/img/<file>`, or undefined when the content build did
 * not write it (a URL no post uses). A build lists the cache folder once.
 */
export function readProcessedImage(file: string, cacheDir = IMAGE_CACHE_DIR): { bytes: Buffer; type: string } | undefined {
  const found = findCacheFile(file, cacheDir)
  return found && { bytes: readFileSync(join(cacheDir, found.name)), type: found.type }
}

/** Whether the content build wrote the processed image at `/img/<file>`. */
export function hasProcessedImage(file: string, cacheDir = IMAGE_CACHE_DIR): boolean {
  return findCacheFile(file, cacheDir) !== undefined
}

function findCacheFile(file: string, cacheDir: string): { name: string; type: string } | undefined {
  const match = URL_FILE.exec(file)
  if (!match) return undefined
  const [, hash = '', width = '', extension = ''] = match
  const name = listCacheFiles(cacheDir).find((candidate) => candidate.startsWith(hash) && candidate.endsWith(`.${width}.${extension}`))
  return name === undefined ? undefined : { name, type: IMAGE_TYPES[extension as ImageExtension] }
}

const listings = new Map<string, string[]>()

function listCacheFiles(cacheDir: string): string[] {
  // Under `next dev` a post edited a moment ago may have added images, so the listing is read again.
  let names = process.env.NODE_ENV === 'development' ? undefined : listings.get(cacheDir)
  if (!names) {
    try {
      names = readdirSync(cacheDir)
    } catch {
      names = []
    }
    listings.set(cacheDir, names)
  }
  return names
}
