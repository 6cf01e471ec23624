import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { checkContentFolder } from '../content-check'
import { ImportError, importHugoSite } from './import'
import { formatImportReport } from './report'

const SITE = resolve(__dirname, '../../e2e/fixtures/hugo-site')
const HUGO_URLS = readFileSync(resolve(__dirname, '../../e2e/fixtures/hugo-site-urls.txt'), 'utf8').split('\n').filter(Boolean)
const scratch = mkdtempSync(join(tmpdir(), 'import-hugo-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

function run(name: string, extra: Partial<Parameters<typeof importHugoSite>[0]> = {}) {
  const outDir = join(scratch, name, 'content')
  return { outDir, report: importHugoSite({ siteDir: SITE, outDir, ...extra }) }
}

describe('importing the fixture Hugo site', () => {
  const { outDir, report } = run('first')
  const text = formatImportReport(report)

  it('imports every post, lists the rest, and ends with the summary line', () => {
    expect(text.split('\n').at(-1)).toBe('Summary: 2 imported, 5 imported with notes, 0 skipped; 5 page(s) not posts')
    expect(report.pages.filter((page) => page.status === 'not a post').map((page) => page.source)).toEqual([
      '_index.md',
      'about.md',
      'posts/_index.md',
      'projects/_index.md',
      'projects/widget.md',
    ])
  })

  it('computes each post’s old URL exactly as Hugo 0.111 wrote it', () => {
    const published = report.urls.filter(({ url }) => !url.includes('draft'))
    for (const { hugoUrl } of published) {
      if (hugoUrl.includes('an-.mdx-file')) continue // Hugo 0.111 does not render .mdx, so it wrote no page for it
      expect(HUGO_URLS).toContain(hugoUrl)
    }
    expect(HUGO_URLS.filter((url) => /^\/posts\/\d{4}\/[^/]+\/$/.test(url) && url !== '/posts/2021/yaml-relative/').sort()).toEqual(
      published
        .map(({ hugoUrl }) => hugoUrl)
        .filter((url) => !url.includes('an-.mdx-file'))
        .sort(),
    )
  })

  it('names every problem as file:line: what, and what to do', () => {
    for (const line of [
      'content/posts/toml-front-matter.markdown:18: ref "no-such-post.md" matches no page of the Hugo site; the link is kept as text: point it at the right post',
      'content/posts/toml-front-matter.markdown:22: unknown shortcode {{< unknownthing colour="blue" >}}: kept as text; replace it with Markdown or a component by hand',
      'content/posts/photo-bundle/index.md:16: image gone.png was not found in the Hugo site; it is shown as text: add the file and restore the image',
      'content/posts/toml-front-matter.markdown:3: date "2021-11-07T01:30:00" has no offset; used the site\'s timeZone America/New_York',
      'content/posts/date-only-no-tags.md:3: date "2020-01-15" has no time or offset; used 00:00 in the site\'s timeZone America/New_York',
      'content/posts/yaml-front-matter.md:10: front matter field "author" is not carried over (our posts have no such field)',
      'content/posts/date-only-no-tags.md:1: no tags or categories; imported with tags: []',
    ]) {
      expect(text).toContain(`  ${line}`)
    }
  })

  it('writes frontmatter our rules accept, with the old URL and the post’s own aliases', () => {
    const yamlPost = readFileSync(join(outDir, 'posts', 'yaml-front-matter.mdx'), 'utf8')
    expect(yamlPost).toMatch(/^---\ntitle: "YAML Front Matter: Keys in Other Cases"\ndate: 2021-03-14T09:26:53\+01:00\n/)
    expect(yamlPost).toContain('aliases:\n  - /posts/2021/yaml-front-matter-keys-in-other-cases/\n  - /old/yaml-post/\n  - /posts/2021/yaml-relative/\n')
    expect(yamlPost).toContain('tags:\n  - Distributed Systems\n  - Go\n  - Engineering\n')
    expect(yamlPost).toContain('updated: 2021-04-01T10:00:00+01:00')
    expect(readFileSync(join(outDir, 'posts', 'toml-front-matter.mdx'), 'utf8')).toContain('date: 2021-11-07T01:30:00-04:00')
    expect(checkContentFolder(outDir, new Date('2026-01-01T00:00:00Z')).problems.filter((p) => !p.includes('MDX syntax') && !p.includes('image'))).toEqual([])
  })

  it('turns the body into MDX: escapes, JSX, components, and resolved refs', () => {
    const yamlPost = readFileSync(join(outDir, 'posts', 'yaml-front-matter.mdx'), 'utf8')
    expect(yamlPost).toContain('braces \\{like these\\}, a less-than sign (a \\< b), a lone \\} and a price of \\$5.')
    expect(yamlPost).toContain('{/* An HTML comment that should become an MDX comment */}')
    expect(yamlPost).toContain('<div className="note-box" style={{"border":"1px solid #ccc","paddingLeft":"4px"}}>')
    expect(yamlPost).toContain('<label htmlFor="x">Label</label> <input id="x" type="checkbox" checked disabled />')
    expect(yamlPost).toContain('[TOML post](/2021/11/toml-front-matter/) and the [JSON post](/2022/02/json-front-matter/)')
    expect(yamlPost).toContain('func main() { fmt.Println("{{< youtube id >}}") }')
    const json = readFileSync(join(outDir, 'posts', 'json-front-matter.mdx'), 'utf8')
    expect(json).toContain('<Callout type="warning" title="Careful">')
    expect(json).toContain('<details open>')
    expect(json).toContain('$$\n\\frac{1}{2} \\sum_{i=1}^{n} x_i\n$$')
    expect(json).toContain('Inline math $a^2 + b^2 = c^2$ in a sentence.')
    expect(json).toContain('<Callout type="warning" title="Important">')
    const bundle = readFileSync(join(outDir, 'posts', 'photo-bundle', 'index.mdx'), 'utf8')
    expect(bundle).toContain('<Figure src="./images/boats.png" alt="Boats at the quay" caption="Boats, moored for the night." />')
    expect(bundle).toContain('slug: photo-bundle')
    expect(statSync(join(outDir, 'posts', 'photo-bundle', 'images', 'boats.png')).size).toBeGreaterThan(0)
    expect(existsSync(join(outDir, '..', 'public', 'images', 'shared.png'))).toBe(true)
  })

  it('is idempotent: a second run writes nothing and skips every post as unchanged', () => {
    const again = importHugoSite({ siteDir: SITE, outDir })
    expect(again.counts).toMatchObject({ imported: 0, withNotes: 0, skipped: 7 })
    expect(again.pages.filter((page) => page.status === 'skipped').every((page) => page.reason?.endsWith('is already imported and unchanged'))).toBe(true)
  })

  it('never overwrites an edited post without --force', () => {
    const file = join(outDir, 'posts', 'an-mdx-file.mdx')
    writeFileSync(file, 'edited by hand')
    const again = importHugoSite({ siteDir: SITE, outDir })
    expect(again.pages.find((page) => page.source === 'posts/an-mdx-file.mdx')?.reason).toMatch(/exists; pass --force to overwrite it$/)
    expect(readFileSync(file, 'utf8')).toBe('edited by hand')
    importHugoSite({ siteDir: SITE, outDir, force: true })
    expect(readFileSync(file, 'utf8')).toMatch(/^---\ntitle: An .mdx File/)
  })
})

describe('dry run and errors', () => {
  it('--dry-run writes nothing but reports the same', () => {
    const { outDir, report } = run('dry', { dryRun: true })
    expect(existsSync(outDir)).toBe(false)
    expect(report.counts).toMatchObject({ imported: 2, withNotes: 5, skipped: 0 })
  })

  it('an unreadable site or unparsable config is an ImportError with a one-line reason', () => {
    expect(() => importHugoSite({ siteDir: join(scratch, 'nowhere'), outDir: scratch })).toThrow(ImportError)
    const broken = join(scratch, 'broken')
    mkdirSync(join(broken, 'content'), { recursive: true })
    writeFileSync(join(broken, 'hugo.toml'), 'baseURL = "https://x/"\ntitle = \n')
    expect(() => importHugoSite({ siteDir: broken, outDir: scratch })).toThrow(/^cannot parse .*hugo\.toml: .*; fix the file/)
    const empty = join(scratch, 'empty')
    mkdirSync(empty, { recursive: true })
    expect(() => importHugoSite({ siteDir: empty, outDir: scratch })).toThrow(/has no hugo\.toml, config\.toml/)
  })

  it('reads YAML and config/_default/ configs, skips a post without a date, and keeps uglyURLs', () => {
    const site = join(scratch, 'yaml-site')
    mkdirSync(join(site, 'config', '_default'), { recursive: true })
    writeFileSync(join(site, 'config', '_default', 'hugo.yaml'), 'baseURL: https://example.com/blog/\nuglyURLs: true\n')
    writeFileSync(join(site, 'config', '_default', 'params.json'), '{"mainSections": ["blog"]}')
    cpSync(join(SITE, 'content', 'posts', 'an-mdx-file.mdx'), join(site, 'content', 'blog', 'Hello_World.md'))
    writeFileSync(join(site, 'content', 'blog', 'undated.md'), '---\ntitle: Undated\n---\nText.\n')
    const report = importHugoSite({ siteDir: site, outDir: join(site, 'out'), dryRun: true })
    expect(report.sections).toEqual(['blog'])
    const hello = report.pages.find((page) => page.source === 'blog/Hello_World.md')
    expect(hello).toMatchObject({ hugoUrl: '/blog/blog/hello_world.html', url: '/2022/06/hello-world/' })
    expect(report.pages.find((page) => page.source === 'blog/undated.md')).toMatchObject({
      status: 'skipped',
      reason: expect.stringMatching(/^blog\/undated\.md:1: no date/),
    })
  })
})
