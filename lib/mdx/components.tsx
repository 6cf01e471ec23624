/**
 * The components posts are rendered with. They run once per post at content build time
 * (lib/mdx/render-html.tsx), so they are plain server-side markup: no hooks, no client code,
 * nothing that needs Next. Authors use them by name in MDX; README's authoring guide shows each.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ComponentProps, ReactNode } from 'react'
import { imageSize } from 'image-size'

/** Images live under public/ and are referenced from the site root: ![A diagram](/images/post/diagram.png). */
const PUBLIC_DIR = join(process.cwd(), 'public')

/** Width and height of a public/ image, read at build time so the page never shifts as it loads. */
function readImageSize(src: string): { width: number; height: number } {
  if (!src.startsWith('/') || src.startsWith('//') || src.includes('..')) {
    throw new Error(`Image "${src}": write its path from the site root, like /images/my-post/diagram.png (the file lives under public/).`)
  }
  let bytes: Buffer
  try {
    bytes = readFileSync(join(PUBLIC_DIR, decodeURIComponent(src.split(/[?#]/)[0] ?? src)))
  } catch {
    throw new Error(`Image "${src}" was not found: put the file at public${src}.`)
  }
  const { width, height } = imageSize(bytes)
  if (!width || !height) throw new Error(`Image "${src}": cannot read its dimensions; use PNG, JPEG, GIF, WebP, AVIF or SVG.`)
  return { width, height }
}

/** Every image in a post: dimensions from the file, lazy loading, and alt text required. */
function Image({ src, alt, ...rest }: ComponentProps<'img'>) {
  if (typeof src !== 'string') throw new Error('An image has no src.')
  if (typeof alt !== 'string' || !alt.trim()) throw new Error(`Image "${src}" has no alt text; describe what it shows.`)
  const { width, height } = readImageSize(src)
  return <img {...rest} src={src} alt={alt} width={width} height={height} loading="lazy" decoding="async" />
}

/** A figure with a caption: <Figure src="/images/x.png" alt="What it shows" caption="Why it matters" />. */
export function Figure({ src, alt, caption }: { src: string; alt: string; caption: ReactNode }) {
  return (
    <figure className="figure">
      <Image src={src} alt={alt} />
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

export const mdxComponents = {
  img: Image,
  table: Table,
  Figure,
  Callout,
}
