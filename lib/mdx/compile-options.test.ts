import { describe, expect, it } from 'vitest'
import { renderMdxToHtml } from './render-html'
import { compileMdx } from './compile-options'

describe('compileMdx with MDX_OPTIONS', () => {
  it('compiles a post to the body of a function, without bundling it (no esbuild runtime wrapper)', async () => {
    const code = await compileMdx('## A heading\n\nSome *text* and $x^2$.\n\n```ts\nconst answer = 42\n```\n')
    expect(code).toContain('function _createMdxContent(')
    expect(code).toContain('arguments[0]')
    // mdx-bundler's output: an esbuild bundle assigned to a global, which expects React and ReactDOM in scope.
    expect(code).not.toContain('var Component = ')
    expect(code).not.toContain('__toESM')
    const html = renderMdxToHtml(code)
    expect(html).toContain('<h2 id="a-heading">')
    expect(html).toContain('class="heading-anchor"')
    expect(html).toContain('<math')
    expect(html).toContain('data-language="ts"')
  })
})
