/**
 * `contentlayer2 dev` compiles nothing in its first pass (the build before it did), so the author's first
 * save used to pay for loading Shiki's grammars and KaTeX and warming the MDX pipeline up (and, while posts
 * were bundled, for starting esbuild): 0.7 s of contentlayer's pass at 13 posts, against 0.14 s for the saves
 * after it. contentlayer.config.ts
 * compiles and renders this sample once that pass is done, with every plugin and the languages posts use most.
 */
import { compileMdx } from './compile-options'
import { renderMdxToHtml } from './render-html'

/** The languages posts highlight most, whose grammars Shiki loads on first use. */
export const WARM_UP_LANGUAGES: readonly string[] = ['go', 'sql', 'yaml', 'json', 'bash', 'ts']

const SAMPLE_POST = [
  '## A heading',
  'Some *text*, a [link](https://example.com), `code` and $x^2$.',
  '| a | b |\n| - | - |\n| 1 | 2 |',
  ...WARM_UP_LANGUAGES.map((language) => `\`\`\`${language}\nx\n\`\`\``),
].join('\n\n')

/** The sample post's HTML, compiled and rendered as contentlayer compiles and lib/mdx/render-html.tsx renders a post. */
export async function compileSamplePost(): Promise<string> {
  return renderMdxToHtml(await compileMdx(SAMPLE_POST))
}
