/**
 * How contentlayer2 compiles each post's MDX (contentlayer.config.ts passes this as its `mdx` option):
 * GitHub Flavored Markdown and math, heading ids and anchors, and Shiki highlighting through
 * rehype-pretty-code. The compiled code is evaluated once, by lib/mdx/render-html.tsx, and then dropped.
 */
import { compile } from '@mdx-js/mdx'
import type { MDXOptions } from 'contentlayer2/core'
import rehypeAutolinkHeadings from 'rehype-autolink-headings'
import rehypeKatex from 'rehype-katex'
import rehypePrettyCode from 'rehype-pretty-code'
import rehypeSlug from 'rehype-slug'
import remarkGfm from 'remark-gfm'
import remarkMath from 'remark-math'
import { compactTokenColours } from './compact-token-colours'
import { KATEX_OPTIONS } from './math'

export const MDX_OPTIONS = {
  remarkPlugins: [remarkGfm, remarkMath],
  rehypePlugins: [
    [rehypeKatex, KATEX_OPTIONS],
    rehypeSlug,
    [
      rehypeAutolinkHeadings,
      { behavior: 'append', properties: { className: ['heading-anchor'], ariaHidden: true, tabIndex: -1 }, content: { type: 'text', value: '#' } },
    ],
    [
      rehypePrettyCode,
      { theme: { light: 'github-light-high-contrast', dark: 'github-dark-default' }, keepBackground: false, transformers: [compactTokenColours] },
    ],
  ],
  // Posts import nothing (components come from lib/mdx/components.tsx at render time), so there is nothing to
  // bundle: @mdx-js/mdx alone compiles a post in about half the time mdx-bundler and esbuild took (at 1,000
  // posts, 15-18 ms against 28-29 ms each). patches/@contentlayer2+core+0.5.8.patch adds this option.
  bundle: false,
} satisfies MDXOptions

/**
 * MDX compiled with these options, as contentlayer2 compiles a post's body: the body of a function, which
 * lib/mdx/render-html.tsx runs (for code that compiles outside a content build: lib/mdx/warm-up.ts and tests).
 */
export async function compileMdx(source: string): Promise<string> {
  const file = await compile(source, { remarkPlugins: MDX_OPTIONS.remarkPlugins, rehypePlugins: MDX_OPTIONS.rehypePlugins, outputFormat: 'function-body' })
  return String(file)
}
