import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listImageUrls, readProcessedImage } from './image-files.mjs'
import { imageStats, locateImage, pickWidths, processImage } from './images'

let root: string

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'blog-images-'))
  mkdirSync(join(root, 'posts', 'bundle'), { recursive: true })
  mkdirSync(join(root, 'public', 'images'), { recursive: true })
  const photo = await sharp({ create: { width: 1600, height: 800, channels: 3, background: { r: 20, g: 120, b: 200 } } })
    .jpeg()
    .toBuffer()
  writeFileSync(join(root, 'posts', 'bundle', 'photo.jpg'), photo)
  writeFileSync(join(root, 'posts', 'bundle', 'index.mdx'), '')
  const small = await sharp({ create: { width: 300, height: 150, channels: 4, background: '#ff000080' } })
    .png()
    .toBuffer()
  writeFileSync(join(root, 'public', 'images', 'small.png'), small)
})

afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('processImage', () => {
  it('makes AVIF and WebP at each width below the image, and the source format as fallback, with the size set', async () => {
    const cache = join(root, 'cache-a')
    const image = await processImage(join(root, 'posts', 'bundle', 'photo.jpg'), cache)
    expect(image).toMatchObject({ width: 1440, height: 720 })
    expect(image.sources.map((source) => source.type)).toEqual(['image/avif', 'image/webp'])
    expect(image.sources[0]!.srcSet).toMatch(
      /^\/img\/photo\.[0-9a-f]{16}\.480\.avif 480w, \/img\/photo\.[0-9a-f]{16}\.960\.avif 960w, \/img\/photo\.[0-9a-f]{16}\.1440\.avif 1440w$/,
    )
    expect(image.src).toMatch(/^\/img\/photo\.[0-9a-f]{16}\.1440\.jpg$/)
    expect(image.srcSet.split(', ')).toHaveLength(3)
    expect(readdirSync(cache).sort()).toHaveLength(9)
    // The route finds every URL the HTML names, with the right type and real image bytes.
    for (const url of listImageUrls(`<img src="${image.src}" srcset="${image.srcSet}"><source srcset="${image.sources[0]!.srcSet}">`)) {
      const file = readProcessedImage(url.slice('/img/'.length), cache)
      expect(file, url).toBeDefined()
      const { width, format } = await sharp(file!.bytes).metadata()
      expect(width).toBe(Number(url.split('.').at(-2)))
      expect(file!.type).toBe(`image/${format === 'heif' ? 'avif' : format === 'jpeg' ? 'jpeg' : format}`)
    }
  }, 60_000)

  it('reuses the cached variants on a rebuild: same key (sha256 of the bytes, width, format), nothing encoded', async () => {
    const cache = join(root, 'cache-b')
    const source = join(root, 'public', 'images', 'small.png')
    const first = await processImage(source, cache)
    expect(first).toMatchObject({ width: 300, height: 150, src: expect.stringMatching(/\.300\.png$/) })
    // Another file with the same bytes (a fresh build sees a new path): the cache answers by content.
    const copy = join(root, 'public', 'images', 'copy-of-small.png')
    writeFileSync(copy, readFileSync(source))
    const before = { ...imageStats }
    const again = await processImage(copy, cache)
    expect(imageStats.encoded - before.encoded).toBe(0)
    expect(imageStats.cached - before.cached).toBe(3)
    expect(again.src.replace('copy-of-small', 'small')).toBe(first.src)
    expect(readdirSync(cache)).toHaveLength(3)
  })

  it('never makes a variant wider than the source', () => {
    expect(pickWidths(300)).toEqual([300])
    expect(pickWidths(960)).toEqual([480, 960])
    expect(pickWidths(1000)).toEqual([480, 1000])
    expect(pickWidths(4000)).toEqual([480, 960, 1440])
  })
})

describe('locateImage', () => {
  const bundle = () => join(root, 'posts', 'bundle', 'index.mdx')

  it('resolves a relative path beside a bundle post and a site-root path under public/', () => {
    expect(locateImage('./photo.jpg', bundle(), join(root, 'public'))).toMatchObject({ path: join(root, 'posts', 'bundle', 'photo.jpg') })
    expect(locateImage('/images/small.png', bundle(), join(root, 'public'))).toMatchObject({ path: join(root, 'public', 'images', 'small.png') })
  })

  it.each([
    { src: './photo.jpg', file: 'posts/single.mdx', problem: /is relative, which only a bundle post can use; move the post to .*posts\/single\/index\.mdx/ },
    {
      src: '../other/photo.jpg',
      file: 'posts/bundle/index.mdx',
      problem: /points outside the post's folder; put the image beside index\.mdx and write \.\/photo\.jpg/,
    },
    { src: 'https://example.com/x.png', file: 'posts/bundle/index.mdx', problem: /is not on this site; download it/ },
    { src: '/images/notes.txt', file: 'posts/bundle/index.mdx', problem: /is not an image this site processes; use \.jpg/ },
  ])('explains why $src cannot be used from $file', ({ src, file, problem }) => {
    const location = locateImage(src, join(root, file), join(root, 'public'))
    expect('problem' in location && location.problem).toMatch(problem)
  })
})
