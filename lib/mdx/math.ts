/**
 * Math in posts: `$…$` inline and `$$…$$` display, typeset at content build time by KaTeX (remark-math and
 * rehype-katex in contentlayer.config.ts), so pages run no script for it. KaTeX writes each formula twice:
 * MathML (for screen readers, and what feeds carry) and HTML spans that only look right with KaTeX's CSS
 * and fonts, which the page links only when the post has math.
 */

/** rehype-katex's options: both renderings (the page shows the HTML, feeds the MathML). */
export const KATEX_OPTIONS = { output: 'htmlAndMathml', strict: 'ignore' } as const

/** Whether rendered post HTML contains a KaTeX formula. */
export function hasMath(html: string): boolean {
  return html.includes('<span class="katex">')
}

/**
 * The first formula KaTeX could not typeset, with its reason, or undefined. rehype-katex only warns and
 * shows the source in red; bad content must fail the build instead.
 */
export function findMathError(html: string): { tex: string; reason: string } | undefined {
  const match = /<span class="katex-error" title="([^"]*)"[^>]*>([^<]*)<\/span>/.exec(html)
  if (!match) return undefined
  const decode = (text: string) =>
    text
      .replace(/&quot;/g, '"')
      .replace(/&#x27;|&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&')
  return { tex: decode(match[2] ?? ''), reason: decode(match[1] ?? '') }
}

const HTML_RENDERING = '<span class="katex-html" aria-hidden="true">'
const SPAN_TAG = /<span[\s>]|<\/span>/g

/**
 * The HTML with KaTeX's visual rendering removed, leaving the MathML: what a feed reader (no CSS, no KaTeX
 * fonts) can show. Our own renderer's output (spans never written as text) makes depth counting exact.
 */
export function stripKatexHtml(html: string): string {
  let result = ''
  let from = 0
  for (;;) {
    const start = html.indexOf(HTML_RENDERING, from)
    if (start < 0) return result + html.slice(from)
    result += html.slice(from, start)
    SPAN_TAG.lastIndex = start + HTML_RENDERING.length
    let depth = 1
    let match: RegExpExecArray | null
    while (depth > 0 && (match = SPAN_TAG.exec(html))) depth += match[0] === '</span>' ? -1 : 1
    if (depth > 0) throw new Error('KaTeX output has an unclosed <span>; cannot separate its MathML.')
    from = SPAN_TAG.lastIndex
  }
}
