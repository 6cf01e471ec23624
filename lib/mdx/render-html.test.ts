import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { compile as compileMdx } from '@mdx-js/mdx'
import rehypeKatex from 'rehype-katex'
import remarkMath from 'remark-math'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { KATEX_OPTIONS } from './math'
import { listImageReferences, parseMdxBody } from './image-references'
import { mayHaveImages, renderPost, renderPostOnce } from './render-html'

// The same MDX compiler and math plugins as contentlayer.config.ts, on sample posts.
async function compile(source: string): Promise<string> {
  return String(await compileMdx(source, { remarkPlugins: [remarkMath], rehypePlugins: [[rehypeKatex, KATEX_OPTIONS]], outputFormat: 'function-body' }))
}

let folder: string
let post: string

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'blog-render-'))
  mkdirSync(join(folder, 'bundle'))
  post = join(folder, 'bundle', 'index.mdx')
  for (const name of ['first.png', 'second.png']) {
    const image = await sharp({ create: { width: 1000, height: 500, channels: 3, background: '#336699' } })
      .png()
      .toBuffer()
    writeFileSync(join(folder, 'bundle', name), image)
  }
})

afterAll(() => rmSync(folder, { recursive: true, force: true }))

describe('renderPost: images', () => {
  const BODY = '![The first chart](./first.png)\n\nText.\n\n![The second chart](./second.png)\n'

  it('renders each image as a picture with AVIF and WebP srcsets, width and height, lazy except the first', async () => {
    const { html, mathHtml, image } = await renderPost(await compile(BODY), BODY, post, join(folder, 'cache'))
    const pictures = html.match(/<picture>[\s\S]*?<\/picture>/g) ?? []
    expect(pictures).toHaveLength(2)
    for (const picture of pictures) {
      expect(picture).toMatch(/<source type="image\/avif" srcset="\/img\/[a-z]+\.[0-9a-f]{16}\.480\.avif 480w, \/img\/[a-z]+\.[0-9a-f]{16}\.1000\.avif 1000w"/)
      expect(picture).toMatch(/<source type="image\/webp" srcset="[^"]*\.1000\.webp 1000w"/)
      expect(picture).toMatch(
        /<img src="\/img\/[a-z]+\.[0-9a-f]{16}\.1000\.png" srcset="[^"]+" sizes="[^"]+" alt="The (first|second) chart" width="1000" height="500"/,
      )
    }
    expect(pictures[0]).not.toContain('loading=')
    expect(pictures[1]).toContain('loading="lazy"')
    expect(mathHtml).toBe('')
    // Open Graph and feeds take the first image's fallback, a site-root URL they can make absolute.
    expect(image).toMatch(/^\/img\/first\.[0-9a-f]{16}\.1000\.png$/)
  }, 60_000)
})

describe('renderPost: math', () => {
  const BODY = 'Inline $L = \\lambda W$ and display:\n\n$$\n\\rho = \\frac{\\lambda}{\\mu}\n$$\n'

  it('typesets inline and display math at build time; the page gets KaTeX HTML, the html field MathML only', async () => {
    const { html, mathHtml } = await renderPost(await compile(BODY), BODY, post, join(folder, 'cache'))
    expect(mathHtml).toContain('<span class="katex-html" aria-hidden="true">')
    expect(mathHtml).toContain('<span class="katex-display">')
    expect(html).not.toContain('katex-html')
    expect(html).toContain('<math xmlns="http://www.w3.org/1998/Math/MathML">')
    expect(html).toContain('<math xmlns="http://www.w3.org/1998/Math/MathML" display="block">')
    expect(html).toContain('<mfrac><mi>λ</mi><mi>μ</mi></mfrac>')
    expect(html).toContain('<annotation encoding="application/x-tex">L = \\lambda W</annotation>')
    expect(html).not.toMatch(/<script/)
  })

  it('fails on TeX that KaTeX cannot typeset, naming the file and the formula', async () => {
    const bad = 'Broken $\\frac{1}{$ here.\n'
    await expect(renderPost(await compile(bad), bad, post, join(folder, 'cache'))).rejects.toThrow(
      /bundle\/index\.mdx: math "\\frac\{1\}\{" cannot be typeset: ParseError/,
    )
  })
})

describe('mayHaveImages: the shortcut that skips parsing a body for images', () => {
  it('is true for every body the image references find an image in', () => {
    const bodies = [
      '![A chart](./chart.png)',
      'Text ![inline](/images/a.png) text.',
      '<img src="/images/a.png" alt="A" />',
      '<Figure src="./a.png" alt="A" caption="C" />',
      'Before\n\n<Figure\n  src="./a.png"\n  alt="A"\n/>',
    ]
    for (const body of bodies) {
      expect(listImageReferences(parseMdxBody(body)).length, body).toBeGreaterThan(0)
      expect(mayHaveImages(body), body).toBe(true)
    }
  })

  it('is false for a body without images, so renderPost does not parse it again', () => {
    expect(mayHaveImages('# A heading\n\nProse with a [link](https://example.com) and `code`.\n\n```go\nfunc main() {}\n```\n')).toBe(false)
  })
})

describe('renderPostOnce: one rendering per version of a post', () => {
  it('gives every computed field the first rendering, also once the compiled code is dropped, and renders an edit anew', async () => {
    const file = join(folder, 'once.mdx')
    const code = await compile('First version.')
    const first = renderPostOnce(code, 'First version.', file)
    expect(renderPostOnce(undefined, 'First version.', file)).toBe(first)
    expect((await first).html).toBe('<p>First version.</p>')
    const edited = renderPostOnce(await compile('Edited.'), 'Edited.', file)
    expect(edited).not.toBe(first)
    expect((await edited).html).toBe('<p>Edited.</p>')
    await expect(renderPostOnce(undefined, 'Never compiled.', file)).rejects.toThrow(/without its compiled MDX/)
  })
})
