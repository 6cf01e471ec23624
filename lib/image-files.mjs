/**
 * Where processed images live and how their URLs are spelled. The content build (lib/images.ts) writes
 * them; the build's finishing step (scripts/finish-build.mjs) copies into out/ the ones shipped pages
 * refer to, and under `next dev` app/img/[...file]/route.dev.ts serves them. No sharp in here, and plain
 * JavaScript (checked by tsc through JSDoc), so the finishing step, which runs under bare Node, shares it.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { CONTENT_TYPES } from './http-rules.mjs'

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
const IMAGE_EXTENSIONS = /** @type {const} */ (['avif', 'webp', 'jpg', 'png', 'gif', 'svg'])

/** @typedef {(typeof IMAGE_EXTENSIONS)[number]} ImageExtension */

/** Each output format's media type, as the HTTP table serves it (without its parameters, for <source type>). */
export const IMAGE_TYPES = /** @type {Readonly<Record<ImageExtension, string>>} */ (
  Object.freeze(Object.fromEntries(IMAGE_EXTENSIONS.map((extension) => [extension, CONTENT_TYPES[extension].split(';')[0]])))
)

/** Characters of the source hash that go into a URL: 64 bits, unique enough for one blog's images. */
const URL_HASH_LENGTH = 16

/**
 * The cache file of one variant: the full sha256 of the source bytes, the width and the format.
 * @param {string} sha256
 * @param {number} width
 * @param {ImageExtension} extension
 * @returns {string}
 */
export function buildCacheFileName(sha256, width, extension) {
  return `${sha256}.${width}.${extension}`
}

/**
 * "/img/photo.3f2a….960.avif": the source's name (for people reading the HTML), hash, width and format.
 * @param {string} stem
 * @param {string} sha256
 * @param {number} width
 * @param {ImageExtension} extension
 * @returns {string}
 */
export function buildImageUrl(stem, sha256, width, extension) {
  const name =
    stem
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'image'
  return `${IMAGE_URL_PREFIX}${name}.${sha256.slice(0, URL_HASH_LENGTH)}.${width}.${extension}`
}

const URL_FILE = /^[a-z0-9-]+\.([0-9a-f]{16})\.(\d+)\.(avif|webp|jpg|png|gif|svg)$/

/**
 * Every processed image URL in a post's HTML (src and srcset), each once, in order.
 * @param {string} html
 * @returns {string[]}
 */
export function listImageUrls(html) {
  const pattern = new RegExp(`${IMAGE_URL_PREFIX}[a-z0-9-]+\\.[0-9a-f]{${URL_HASH_LENGTH}}\\.\\d+\\.(?:avif|webp|jpg|png|gif|svg)`, 'g')
  return [...new Set(html.match(pattern) ?? [])]
}

/**
 * The cache file behind the processed image at `/img/<file>`, or undefined when the content build did not
 * write it (a URL no post uses). A build lists the cache folder once.
 * @param {string} file
 * @param {string} [cacheDir]
 * @returns {{ path: string; type: string } | undefined}
 */
export function findProcessedImage(file, cacheDir = IMAGE_CACHE_DIR) {
  const match = URL_FILE.exec(file)
  if (!match) return undefined
  const [, hash = '', width = '', extension = ''] = match
  const name = listCacheFiles(cacheDir).find((candidate) => candidate.startsWith(hash) && candidate.endsWith(`.${width}.${extension}`))
  return name === undefined ? undefined : { path: join(cacheDir, name), type: IMAGE_TYPES[/** @type {ImageExtension} */ (extension)] }
}

/**
 * The bytes and content type of the processed image at `/img/<file>`, or undefined (see findProcessedImage).
 * @param {string} file
 * @param {string} [cacheDir]
 * @returns {{ bytes: Buffer; type: string } | undefined}
 */
export function readProcessedImage(file, cacheDir = IMAGE_CACHE_DIR) {
  const found = findProcessedImage(file, cacheDir)
  return found && { bytes: readFileSync(found.path), type: found.type }
}

/** @type {Map<string, string[]>} */
const listings = new Map()

/** @param {string} cacheDir */
function listCacheFiles(cacheDir) {
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
