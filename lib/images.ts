/**
 * Post images, processed once at content build time with sharp: AVIF and WebP at a few widths for a
 * `<picture>`, and the source's own format as the fallback. Every variant is cached under
 * .contentlayer/images by the sha256 of the source bytes, its width and its format, so a rebuild reads the
 * source, hashes it and finds every variant already there without decoding a pixel.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path'
import { imageSize } from 'image-size'
import sharp from 'sharp'
import { hashOf } from './build-cache.mjs'
import { buildCacheFileName, buildImageUrl, IMAGE_CACHE_DIR, IMAGE_TYPES, type ImageExtension } from './image-files.mjs'

/** Widths made of every raster image (and its own width when narrower): the column is about 700 CSS px, so 1440 covers 2x screens. */
export const IMAGE_WIDTHS = [480, 960, 1440] as const

/** One `<source>` of a `<picture>`: a type and its srcset. */
export type ImageSource = { type: string; srcSet: string }

/** What a post needs to show an image: dimensions, modern sources and the fallback in the source's format. */
export type ProcessedImage = {
  /** The largest variant's size: the `width` and `height` attributes. */
  width: number
  height: number
  /** AVIF then WebP, best first; empty for SVG, which is served as it is. */
  sources: ImageSource[]
  /** Site-root URL of the fallback at the largest width: `<img src>`, and the image feeds and Open Graph use. */
  src: string
  /** The fallback format at every width. */
  srcSet: string
}

/** Counters for the build log: how many variants were encoded and how many came from the cache, and the time spent. */
export const imageStats = { images: 0, encoded: 0, cached: 0, milliseconds: 0 }

const SOURCE_FORMATS: Record<string, ImageExtension> = {
  '.jpg': 'jpg',
  '.jpeg': 'jpg',
  '.png': 'png',
  '.gif': 'gif',
  '.webp': 'webp',
  '.avif': 'avif',
  '.svg': 'svg',
}

/** The file extensions posts may use for images. */
export const IMAGE_FILE_EXTENSIONS = Object.keys(SOURCE_FORMATS)

/** Where an image reference points: a file to process, or why it cannot be one (a sentence naming the fix). */
export type ImageLocation = { path: string; display: string } | { problem: string }

/**
 * Resolves an image `src` as written in a post. `/images/x.png` is public/images/x.png; `./photo.jpg` is beside
 * the post, which must then be a bundle (content/posts/<slug>/index.mdx) and the file inside its folder.
 * `display` is the path relative to the project, for messages.
 */
export function locateImage(src: string, postFile: string, publicDir = join(process.cwd(), 'public')): ImageLocation {
  const path = safeDecode(src.split(/[?#]/)[0] ?? src)
  if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(src)) {
    return { problem: `image "${src}" is not on this site; download it and put it beside the post (a bundle) or under public/` }
  }
  if (!SOURCE_FORMATS[extname(path).toLowerCase()]) {
    return { problem: `image "${src}" is not an image this site processes; use ${IMAGE_FILE_EXTENSIONS.join(', ')}` }
  }
  if (path.startsWith('/')) {
    const file = resolve(publicDir, `.${path}`)
    if (!isInside(file, publicDir))
      return { problem: `image "${src}" points outside public/; write its path from the site root, like /images/my-post/diagram.png` }
    return { path: file, display: relative(process.cwd(), file) }
  }
  const postDir = dirname(resolve(postFile))
  if (basename(postFile) !== 'index.mdx') {
    return {
      problem: `image "${src}" is relative, which only a bundle post can use; move the post to ${join(relative(process.cwd(), postDir), basename(postFile, '.mdx'), 'index.mdx')} with the image beside it, or write a path from the site root for a file under public/`,
    }
  }
  const file = resolve(postDir, path)
  if (!isInside(file, postDir))
    return { problem: `image "${src}" points outside the post's folder; put the image beside index.mdx and write ./${basename(path)}` }
  return { path: file, display: relative(process.cwd(), file) }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

function isInside(file: string, dir: string): boolean {
  const root = resolve(dir)
  return file.startsWith(root + sep)
}

const inFlight = new Map<string, Promise<ProcessedImage>>()

/**
 * Processes the image file at `path` (or reuses the cached variants) and returns how to show it. The same
 * file asked for twice in one build is processed once.
 */
export function processImage(path: string, cacheDir = IMAGE_CACHE_DIR): Promise<ProcessedImage> {
  const key = `${cacheDir}\0${path}`
  let result = inFlight.get(key)
  if (!result) {
    result = processImageFile(path, cacheDir)
    inFlight.set(key, result)
    // A failure is not remembered: under `contentlayer2 dev` the author fixes the file and saves.
    result.catch(() => inFlight.delete(key))
  }
  return result
}

async function processImageFile(path: string, cacheDir: string): Promise<ProcessedImage> {
  const started = performance.now()
  const bytes = readFileSync(path)
  const sha256 = hashOf(bytes)
  const format = SOURCE_FORMATS[extname(path).toLowerCase()] ?? 'png'
  const stem = basename(path, extname(path))
  const size = readOrientedSize(bytes, path)
  imageStats.images++
  try {
    if (format === 'svg') {
      const file = join(cacheDir, buildCacheFileName(sha256, size.width, 'svg'))
      if (existsSync(file)) imageStats.cached++
      else writeCacheFile(file, bytes)
      const src = buildImageUrl(stem, sha256, size.width, 'svg')
      return { ...size, sources: [], src, srcSet: '' }
    }
    const widths = pickWidths(size.width)
    const largest = widths[widths.length - 1]!
    const fallback: ImageExtension = format === 'gif' ? 'gif' : format
    const modern = (['avif', 'webp'] as const).filter((extension) => extension !== fallback)
    const variants = [...modern, fallback].flatMap((extension) => widths.map((width) => ({ extension, width })))
    await Promise.all(
      variants.map(async ({ extension, width }) => {
        const file = join(cacheDir, buildCacheFileName(sha256, width, extension))
        if (existsSync(file)) {
          imageStats.cached++
          return
        }
        writeCacheFile(file, await encode(bytes, width, extension))
        imageStats.encoded++
      }),
    )
    const srcSetOf = (extension: ImageExtension) => widths.map((width) => `${buildImageUrl(stem, sha256, width, extension)} ${width}w`).join(', ')
    return {
      width: largest,
      height: Math.round((size.height * largest) / size.width),
      sources: modern.map((extension) => ({ type: IMAGE_TYPES[extension], srcSet: srcSetOf(extension) })),
      src: buildImageUrl(stem, sha256, largest, fallback),
      srcSet: srcSetOf(fallback),
    }
  } finally {
    imageStats.milliseconds += performance.now() - started
  }
}

/**
 * The widths to make: the image's own width (at most the largest standard width) and each standard width
 * clearly narrower (below 80 %: a 960 beside a 1000 would save nothing worth a file).
 */
export function pickWidths(naturalWidth: number): number[] {
  const largest = Math.min(naturalWidth, IMAGE_WIDTHS[IMAGE_WIDTHS.length - 1]!)
  return [...IMAGE_WIDTHS.filter((width) => width < largest * 0.8), largest]
}

/** Width and height as shown, after the EXIF orientation that sharp's rotate() applies. */
function readOrientedSize(bytes: Buffer, path: string): { width: number; height: number } {
  let size
  try {
    size = imageSize(bytes)
  } catch {
    size = undefined
  }
  if (!size?.width || !size.height) throw new Error(`Image ${relative(process.cwd(), path)}: cannot read its dimensions; is it really a ${extname(path)} file?`)
  const turned = size.orientation !== undefined && size.orientation >= 5
  return turned ? { width: size.height, height: size.width } : { width: size.width, height: size.height }
}

// Bump the version of IMAGE_CACHE_DIR (lib/image-files.ts) when these change. AVIF at effort 4 (sharp's default)
// took 2.4 s for a 1440 px photo here and made it 33 % smaller than effort 2 (0.3 s): paid once, cached after.
function encode(bytes: Buffer, width: number, extension: ImageExtension): Promise<Buffer> {
  const image = sharp(bytes, { animated: extension === 'gif' })
    .rotate()
    .resize({ width, withoutEnlargement: true })
  switch (extension) {
    case 'avif':
      return image.avif({ quality: 55, effort: 4 }).toBuffer()
    case 'webp':
      return image.webp({ quality: 75 }).toBuffer()
    case 'jpg':
      return image.jpeg({ quality: 78, mozjpeg: true }).toBuffer()
    case 'gif':
      return image.gif().toBuffer()
    default:
      return image.png({ compressionLevel: 9 }).toBuffer()
  }
}

/** Written under a temporary name and renamed, so an interrupted build never leaves half a file that looks cached. */
function writeCacheFile(file: string, bytes: Buffer): void {
  mkdirSync(dirname(file), { recursive: true })
  const temporary = `${file}.${process.pid}.tmp`
  writeFileSync(temporary, bytes)
  renameSync(temporary, file)
}
