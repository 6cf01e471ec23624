/**
 * Turns contentlayer's compiled MDX into static HTML. It runs inside `contentlayer2 build`,
 * once per post, so highlighting, image processing and rendering are never repeated by pages, feeds or search.
 */
import { runSync } from '@mdx-js/mdx'
import { renderToStaticMarkup } from 'react-dom/server'
import * as jsxRuntime from 'react/jsx-runtime'
import { locateImage, processImage, type ProcessedImage } from '../images'
import { createMdxComponents, type PostImages } from './components'
import { listImageReferences, parseMdxBody } from './image-references'
import { findMathError, hasMath, stripKatexHtml } from './math'

/** Runs compiled MDX (a function body, lib/mdx/compile-options.ts) and renders it to an HTML string with these processed images. */
export function renderMdxToHtml(compiledCode: string, images: PostImages = new Map()): string {
  const { default: Content } = runSync(compiledCode, jsxRuntime)
  // React writes the srcSet prop as `srcSet=`. HTML does not mind the case, but feed code and readers that
  // match attributes by name (lib/feed-html.ts absolutises `srcset`) do. A quote in text is always &quot;,
  // so this can only meet an attribute.
  return renderToStaticMarkup(<Content components={createMdxComponents(images)} />).replaceAll(' srcSet="', ' srcset="')
}

/** A post's rendered forms: what pages, feeds and Open Graph use. */
export type RenderedPost = {
  /** The body for feeds, search and (without math) the page: math as MathML only, readable without our CSS. */
  html: string
  /** The page's body when the post has math (KaTeX's HTML rendering beside the MathML, for KaTeX's CSS); else ''. */
  mathHtml: string
  /** Site-root URL of the first image's fallback variant (a format every reader takes), or ''. */
  image: string
}

/**
 * Processes every image the post refers to (`file` is the post's path, for relative images), then renders
 * it. lib/content-check.ts has already reported missing files and alt text by line, so a failure here is a
 * file that cannot be decoded. `cacheDir` is for tests; builds use .contentlayer/images.
 */
export async function renderPost(compiledCode: string, rawBody: string, file: string, cacheDir?: string): Promise<RenderedPost> {
  const images = new Map<string, ProcessedImage>()
  for (const { src } of mayHaveImages(rawBody) ? listImageReferences(parseMdxBody(rawBody)) : []) {
    if (src === undefined || images.has(src)) continue
    const location = locateImage(src, file)
    if ('problem' in location) throw new Error(`${file}: ${location.problem}`)
    images.set(src, await processImage(location.path, cacheDir))
  }
  const page = renderMdxToHtml(compiledCode, images)
  const mathError = findMathError(page)
  if (mathError) throw new Error(`${file}: math "${mathError.tex}" cannot be typeset: ${mathError.reason}; fix the TeX (write \\$ for a literal dollar sign)`)
  const first = images.values().next()
  const math = hasMath(page)
  return { html: math ? stripKatexHtml(page) : page, mathHtml: math ? page : '', image: first.done ? '' : first.value.src }
}

/**
 * False when the body cannot hold an image: every Markdown image starts with `![` and every element the
 * image references look for is `<img` or `<Figure`. Most posts have none, and parsing the body again only to
 * find that out was a tenth of a cold content build.
 */
export function mayHaveImages(rawBody: string): boolean {
  return /!\[|<(?:img|Figure)\b/.test(rawBody)
}

const rendered = new Map<string, { rawBody: string; result: Promise<RenderedPost> }>()

/**
 * renderPost once per version of a post, however many computed fields ask (contentlayer resolves them in
 * parallel). A version is known by its source, so a field that asks after contentlayer.config.ts dropped the
 * compiled code gets the same rendering; `compiledCode` is needed only by the first. One entry per file, so
 * `contentlayer2 dev` keeps only the latest version of each post.
 */
export function renderPostOnce(compiledCode: string | undefined, rawBody: string, file: string): Promise<RenderedPost> {
  const entry = rendered.get(file)
  if (entry?.rawBody === rawBody) return entry.result
  if (compiledCode === undefined) return Promise.reject(new Error(`${file}: rendered without its compiled MDX; this is a bug in contentlayer.config.ts`))
  const result = renderPost(compiledCode, rawBody, file)
  rendered.set(file, { rawBody, result })
  return result
}
