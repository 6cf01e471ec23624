import { describe, expect, it } from 'vitest'
import { convertBody, type BodyContext } from './body'
import { readHugoConfig } from './config'
import { convertHugoDate, splitFrontMatter } from './front-matter'
import { convertHtmlToJsx } from './html'
import { findShortcodeUses, parseShortcodeArgs } from './shortcodes'
import { sanitizeHugoPath } from './urls'

const context = (): BodyContext => ({
  notes: [],
  resolveRef: () => undefined,
  resolveImage: (url) => (url.startsWith('http') ? { kind: 'external' } : { kind: 'found', url }),
  getParam: () => undefined,
  hasMath: false,
})

describe('front matter and dates', () => {
  it('reads TOML, YAML and JSON with keys in any case, and reports the body line', () => {
    expect(splitFrontMatter('+++\nTitle = "T"\n+++\nBody').data).toEqual({ title: 'T' })
    expect(splitFrontMatter('---\nDate: 2020-01-01\n---\n\nBody')).toMatchObject({ data: { date: '2020-01-01' }, bodyLine: 4 })
    expect(splitFrontMatter('{ "TITLE": "J" }\nBody')).toMatchObject({ data: { title: 'J' }, body: 'Body' })
    expect(() => splitFrontMatter('---\ntitle: [\n---\n')).toThrow(/front matter is not valid YAML/)
  })

  it('keeps a written offset and gives other dates the site zone (or UTC), saying so', () => {
    expect(convertHugoDate('2021-03-14T09:26:53+0100', undefined)).toEqual({ iso: '2021-03-14T09:26:53+01:00' })
    expect(convertHugoDate('2021-07-01 08:00', 'Europe/London')).toMatchObject({ iso: '2021-07-01T08:00:00+01:00' })
    expect(convertHugoDate('2021-01-01', undefined)).toMatchObject({ iso: '2021-01-01T00:00:00+00:00', note: expect.stringContaining('UTC') })
    expect(convertHugoDate('last tuesday', undefined)).toMatch(/is not a date/)
  })
})

describe('Hugo URLs and config', () => {
  it('sanitizes paths as Hugo does', () => {
    expect(sanitizeHugoPath('Hello, World!')).toBe('Hello-World')
    expect(sanitizeHugoPath('An .mdx File')).toBe('An-.mdx-File')
  })

  it('fails with one line for a missing folder', () => {
    expect(() => readHugoConfig('/no/such/site')).toThrow(/is not a readable folder; pass the Hugo site's root/)
  })
})

describe('shortcodes', () => {
  it('parses positional and named arguments and pairs tags', () => {
    expect(parseShortcodeArgs(' go "linenos=table" `raw`')).toEqual({ positional: ['go', 'linenos=table', 'raw'], named: {} })
    expect(parseShortcodeArgs(' src="a b.png" alt=\'A "q"\'')).toEqual({ positional: [], named: { src: 'a b.png', alt: 'A "q"' } })
    const uses = findShortcodeUses('{{< a >}} x {{% b %}}inner{{% /b %}} {{< c />}}')
    expect(uses.map((use) => [use.open.name, use.inner?.text])).toEqual([
      ['a', undefined],
      ['b', 'inner'],
      ['c', undefined],
    ])
  })
})

describe('body conversion', () => {
  it('makes raw HTML JSX and drops scripts with a note', () => {
    expect(convertHtmlToJsx('<p class="a" onclick="x()">{b}<br></p>')).toEqual({ jsx: '<p className="a">\\{b\\}<br /></p>', dropped: ['onclick handler'] })
    expect(convertHtmlToJsx('<script>var a = {}</script>').dropped).toEqual(['<script> element'])
  })

  it('keeps an unknown shortcode and an external image visible, with notes', () => {
    const ctx = context()
    const { mdx } = convertBody('{{< mystery >}}\n\n![Logo](https://example.com/logo.png)\n', 3, ctx)
    expect(mdx).toBe('`{{< mystery >}}`\n\n[Image: Logo](https://example.com/logo.png)\n')
    expect(ctx.notes.map((note) => note.line)).toEqual([3, 5])
  })

  it('keeps an inline-capable shortcode inline, and splits the paragraph around a block-only one', () => {
    expect(convertBody('Before\n{{< youtube abc >}}\nafter.\n', 1, context()).mdx).toBe(
      'Before\n[Watch the video on YouTube](https://www.youtube.com/watch?v=abc)\nafter.\n',
    )
    const { mdx } = convertBody('Before\n{{< details summary="S" >}}x{{< /details >}}\nafter.\n', 1, context())
    expect(mdx).toMatch(/^Before\n\n<details>\n[\s\S]*x\n<\/details>\n\nafter\.\n$/)
  })
})
