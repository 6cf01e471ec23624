import rehypePrettyCode from 'rehype-pretty-code'
import rehypeStringify from 'rehype-stringify'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'
import { describe, expect, it } from 'vitest'
import { compactTokenColours } from './compact-token-colours'

const CODE = '```go\nfunc main() {\n\tfmt.Println("hi & <bye>") // note\n}\n```\n'

async function highlight(transformers: (typeof compactTokenColours)[]): Promise<string> {
  const file = await unified()
    .use(remarkParse)
    .use(remarkRehype)
    .use(rehypePrettyCode, { theme: { light: 'github-light-high-contrast', dark: 'github-dark-default' }, keepBackground: false, transformers })
    .use(rehypeStringify)
    .process(CODE)
  return String(file)
}

const textOf = (html: string) => html.replace(/<[^>]+>/g, '')

describe('compactTokenColours', () => {
  it('drops the spans of default-coloured tokens and shortens the others, keeping every character and colour', async () => {
    const plain = await highlight([])
    const compact = await highlight([compactTokenColours])
    expect(textOf(compact)).toBe(textOf(plain))
    expect(compact).not.toContain('--shiki-')
    expect(compact).toContain('<code style="--l:#0e1116;--d:#e6edf3;display: grid;" data-language="go"')
    expect(compact).toContain('<span style="--l:#A0111F;--d:#FF7B72">func</span>')
    // The default-coloured "() {" follows " main" as bare text, not as a span of its own.
    expect(compact).toMatch(/<span style="--l:#622CBC;--d:#D2A8FF"> main<\/span>\(\) \{/)
    expect(plain).toContain('<span style="--shiki-light:#0E1116;--shiki-dark:#E6EDF3">() {</span>')
    expect(compact.length).toBeLessThan(plain.length * 0.75)
  })
})
