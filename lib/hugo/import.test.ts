import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { checkContentFolder } from '../content-check'
import { ImportError, importHugoSite } from './import'
import { formatImportReport, formatUrlList } from './report'
import { parseRedirectLines } from '../site-redirects'

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
    // A ref to a page left out links to it on the old site: a path of ours would be a link the build refuses.
    expect(readFileSync(join(outDir, 'posts', 'toml-front-matter.mdx'), 'utf8')).toContain('[about](https://old.example.com/about/)')
    expect(text).toContain(
      'content/posts/toml-front-matter.markdown:20: ref "/about.md" is about.md, which is not imported; linked to its old address https://old.example.com/about/: move the page in by hand, or change the link',
    )
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

describe('the redirects a Hugo site needs beyond its posts’ aliases', () => {
  const { outDir, report } = run('redirects', { now: new Date('2026-01-01T00:00:00Z') })
  const file = join(outDir, 'redirects.txt')
  const text = formatImportReport(report)

  it('appends them to redirects.txt under a comment per reason, and the content build accepts the file', () => {
    const written = readFileSync(file, 'utf8')
    expect(parseRedirectLines(written).lines.map(({ from, to }) => `${from} ${to}`)).toEqual([
      '/tags/page/1/ /tags/',
      '/tags/page/2/ /tags/',
      '/tags/page/3/ /tags/',
      '/categories/ /tags/',
      '/categories/index.xml /tags/index.xml',
      '/categories/page/1/ /tags/',
      '/categories/engineering/ /tags/engineering/',
      '/categories/engineering/index.xml /tags/engineering/index.xml',
      '/categories/engineering/page/1/ /tags/engineering/',
      '/series/ /tags/',
      '/series/index.xml /tags/index.xml',
      '/series/page/1/ /tags/',
      '/series/fixtures/ /tags/',
      '/series/fixtures/index.xml /index.xml',
      '/series/fixtures/page/1/ /tags/',
      '/posts/2023/a-leaf-bundle-with-images/harbour.png /2023/07/photo-bundle/',
      '/posts/2023/a-leaf-bundle-with-images/images/boats.png /2023/07/photo-bundle/',
    ])
    expect(written).toContain(
      '# import:hugo https://old.example.com/: categories merged into tags: each category is the tag of that name\n/categories/ /tags/\n',
    )
    const problems = checkContentFolder(outDir, new Date('2026-01-01T00:00:00Z')).problems
    expect(problems.filter((problem) => problem.includes('redirects.txt'))).toEqual([])
  })

  it('covers every old URL Hugo wrote that is neither a post, its alias, a page of ours nor a page left out', () => {
    const covered = new Set([
      ...report.urls.map(({ hugoUrl }) => hugoUrl),
      ...report.redirects.map(({ from }) => from),
      ...report.pages.flatMap((page) => page.lostUrls ?? []),
    ])
    const ours =
      /^\/(page\/\d+\/|posts\/(page\/\d+\/)?|tags\/([a-z-]+\/(page\/1\/)?)?|(posts\/|tags\/([a-z-]+\/)?)?index\.xml|sitemap\.xml|images\/shared\.png|old\/yaml-post\/|posts\/2021\/yaml-relative\/)?$/
    expect(HUGO_URLS.filter((url) => !covered.has(url) && !ours.test(url))).toEqual([])
  })

  it('pages terms as the site’s paginate does (2 here)', () => {
    expect(report.config.paginate).toBe(2)
  })

  it('says so in the report: each line added, and which target a bundle’s files got', () => {
    expect(text).toContain(`redirects in ${report.redirectsFile}: 17 added, 0 already there`)
    expect(text).toContain("  bundle resources: each old file URL leads to its post's page, not to the processed image")
    expect(text).toContain('    /posts/2023/a-leaf-bundle-with-images/harbour.png -> /2023/07/photo-bundle/')
    expect(text).toContain('  taxonomy "series" is not carried over: its pages lead to /tags/, its feeds to the site\'s feed /index.xml:')
  })

  it('names the old URLs of the pages it leaves out, and lists every old URL for check-urls', () => {
    expect(report.pages.filter((page) => page.lostUrls?.length).map((page) => [page.source, page.lostUrls])).toEqual([
      ['about.md', ['/about/']],
      ['projects/_index.md', ['/projects/', '/projects/index.xml', '/projects/page/1/']],
      ['projects/widget.md', ['/projects/widget/']],
    ])
    expect(text).toContain('  content/about.md: page in the site root, not a post section (posts); move it in by hand; its old URL /about/ will not answer')
    const list = formatUrlList(report).split('\n')
    expect(list).toContain('/posts/2022/json-front-matter/ /2022/02/json-front-matter/')
    expect(list).toContain('# /posts/2023/a-draft/ /2023/08/draft-post/ (a draft: not published)')
    expect(list).toContain('/categories/ /tags/ # redirect')
    expect(list).toContain('/projects/widget/ # not imported: content/projects/widget.md')
  })

  it('is idempotent, never rewrites a line already there, and a dry run writes nothing', () => {
    const before = readFileSync(file, 'utf8')
    const again = importHugoSite({ siteDir: SITE, outDir, now: new Date('2026-01-01T00:00:00Z') })
    expect(readFileSync(file, 'utf8')).toBe(before)
    expect(again.redirects.every((redirect) => redirect.status === 'already there')).toBe(true)
    expect(again.urls).toEqual(report.urls)

    const edited = `# mine\n/categories/ /posts/\n`
    writeFileSync(file, edited)
    const dry = importHugoSite({ siteDir: SITE, outDir, dryRun: true })
    expect(readFileSync(file, 'utf8')).toBe(edited)
    expect(formatImportReport(dry, { dryRun: true })).toContain(`redirects in ${dry.redirectsFile}: 16 to add, 1 already there`)
    importHugoSite({ siteDir: SITE, outDir })
    const merged = readFileSync(file, 'utf8')
    expect(merged.startsWith(edited)).toBe(true)
    expect(parseRedirectLines(merged).lines.filter(({ from }) => from === '/categories/')).toEqual([{ line: 2, from: '/categories/', to: '/posts/' }])
    expect(parseRedirectLines(merged).lines).toHaveLength(17)
  })

  it('a draft gets no redirects: our build does not publish it, so nothing may lead to it', () => {
    expect(report.redirects.some(({ to }) => to.includes('draft'))).toBe(false)
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
    writeFileSync(join(site, 'config', '_default', 'hugo.yaml'), 'baseURL: https://example.com/blog/\nuglyURLs: true\npagination:\n  pagerSize: 5\n')
    writeFileSync(join(site, 'config', '_default', 'params.json'), '{"mainSections": ["blog"]}')
    cpSync(join(SITE, 'content', 'posts', 'an-mdx-file.mdx'), join(site, 'content', 'blog', 'Hello_World.md'))
    writeFileSync(join(site, 'content', 'blog', 'undated.md'), '---\ntitle: Undated\n---\nText.\n')
    const report = importHugoSite({ siteDir: site, outDir: join(site, 'out'), dryRun: true })
    expect(report.sections).toEqual(['blog'])
    expect(report.config.paginate).toBe(5)
    const hello = report.pages.find((page) => page.source === 'blog/Hello_World.md')
    expect(hello).toMatchObject({ hugoUrl: '/blog/blog/hello_world.html', url: '/2022/06/hello-world/' })
    expect(report.pages.find((page) => page.source === 'blog/undated.md')).toMatchObject({
      status: 'skipped',
      reason: expect.stringMatching(/^blog\/undated\.md:1: no date/),
    })
  })
})
