/**
 * How contentlayer2 compiles each post's MDX (contentlayer.config.ts passes this as its `mdx` option):
 * GitHub Flavored Markdown and math, heading ids and anchors, and Shiki highlighting through
 * rehype-pretty-code. The compiled code is evaluated once, by lib/mdx/render-html.tsx, and then dropped.
 */
import type { MDXOptions } from 'contentlayer2/core'
import { bundleMDX } from 'mdx-bundler'
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
  // mdx-bundler has esbuild minify the code it makes. Nothing ships it or reads it twice, so that was work
  // for nothing: 1.1-1.7 s of a cold content step at 1,000 posts, for the same rendered documents.
  esbuildOptions: (options) => ({ ...options, minify: false }),
} satisfies MDXOptions

/**
 * MDX compiled with these options by mdx-bundler, as contentlayer2 compiles a post's body (for code that
 * compiles outside a content build: lib/mdx/warm-up.ts and tests).
 */
export async function compileMdx(source: string): Promise<string> {
  const { code } = await bundleMDX({
    source,
    mdxOptions: (options) => ({ ...options, remarkPlugins: MDX_OPTIONS.remarkPlugins, rehypePlugins: MDX_OPTIONS.rehypePlugins }),
    esbuildOptions: MDX_OPTIONS.esbuildOptions,
  })
  return code
}
