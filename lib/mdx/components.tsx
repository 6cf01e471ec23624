/**
 * The components posts are rendered with. They run once per post at content build time
 * (lib/mdx/render-html.tsx), so they are plain server-side markup: no hooks, no client code,
 * nothing that needs Next. Authors use them by name in MDX; README's authoring guide shows each.
 */
import type { ComponentProps, ReactNode } from 'react'
import { IMAGE_SIZES } from '../image-files.mjs'
import type { ProcessedImage } from '../images'

/** The processed images of the post being rendered, by src as written in the post. */
export type PostImages = ReadonlyMap<string, ProcessedImage>

type ImageProps = ComponentProps<'img'> & { images: PostImages; isFirst: () => boolean }

/**
 * An image as a `<picture>`: AVIF and WebP at a few widths, the source's format as the fallback, its size
 * set so the page never shifts, and lazy loading except for the post's first image, which is often on screen.
 */
function Picture({ src, alt, images, isFirst, width: _width, height: _height, ...rest }: ImageProps) {
  if (typeof src !== 'string') throw new Error('An image has no src; write its path as text, like src="./photo.jpg".')
  if (typeof alt !== 'string' || !alt.trim()) throw new Error(`Image "${src}" has no alt text; describe what it shows.`)
  const image = images.get(src)
  if (!image) throw new Error(`Image "${src}" was not processed; write its path as plain text in the post (not an expression).`)
  const lazy = !isFirst()
  const img = (
    <img
      {...rest}
      src={image.src}
      srcSet={image.srcSet || undefined}
      sizes={image.srcSet ? IMAGE_SIZES : undefined}
      alt={alt}
      width={image.width}
      height={image.height}
      loading={lazy ? 'lazy' : undefined}
      decoding="async"
    />
  )
  if (image.sources.length === 0) return img
  return (
    <picture>
      {image.sources.map((source) => (
        <source key={source.type} type={source.type} srcSet={source.srcSet} sizes={IMAGE_SIZES} />
      ))}
      {img}
    </picture>
  )
}

/** A figure with a caption: <Figure src="/images/x.png" alt="What it shows" caption="Why it matters" />. */
function Figure({ src, alt, caption, images, isFirst }: { src: string; alt: string; caption: ReactNode; images: PostImages; isFirst: () => boolean }) {
  return (
    <figure className="figure">
      <Picture src={src} alt={alt} images={images} isFirst={isFirst} />
      <figcaption>{caption}</figcaption>
    </figure>
  )
}

const CALLOUT_LABELS = { note: 'Note', tip: 'Tip', warning: 'Warning' } as const

/** An aside set off from the text: <Callout type="warning" title="Optional">…</Callout>. */
export function Callout({ type = 'note', title, children }: { type?: keyof typeof CALLOUT_LABELS; title?: string; children: ReactNode }) {
  const label = CALLOUT_LABELS[type]
  if (!label) throw new Error(`Callout type "${type}" is unknown; use one of ${Object.keys(CALLOUT_LABELS).join(', ')}.`)
  return (
    <aside className={`callout callout-${type}`} role="note">
      <p className="callout-title">
        <strong>{title ?? label}</strong>
      </p>
      {children}
    </aside>
  )
}

/** Wide tables scroll inside their own box instead of widening the page on a phone. */
function Table(props: ComponentProps<'table'>) {
  return (
    <div className="table-scroll">
      <table {...props} />
    </div>
  )
}

/**
 * The components for rendering one post, given its processed images. Made per render: the first image a
 * render meets is the post's first, the only one loaded eagerly.
 */
export function createMdxComponents(images: PostImages) {
  let seen = 0
  const isFirst = () => seen++ === 0
  return {
    img: (props: ComponentProps<'img'>) => <Picture {...props} images={images} isFirst={isFirst} />,
    table: Table,
    Figure: (props: { src: string; alt: string; caption: ReactNode }) => <Figure {...props} images={images} isFirst={isFirst} />,
    Callout,
  }
}
