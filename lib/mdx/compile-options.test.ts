import { describe, expect, it } from 'vitest'
import { renderMdxToHtml } from './render-html'
import { compileMdx } from './compile-options'

describe('compileMdx with MDX_OPTIONS', () => {
  it('compiles a post without minifying the code, which is evaluated once and dropped', async () => {
    const code = await compileMdx('## A heading\n\nSome *text* and $x^2$.\n\n```ts\nconst answer = 42\n```\n')
    // esbuild's minifier renames this function and joins the code onto a few lines.
    expect(code).toContain('function _createMdxContent(')
    expect(code.split('\n').length).toBeGreaterThan(20)
    const html = renderMdxToHtml(code)
    expect(html).toContain('<h2 id="a-heading">')
    expect(html).toContain('class="heading-anchor"')
    expect(html).toContain('<math')
    expect(html).toContain('data-language="ts"')
  })
})
