/**
 * Bundles, images and math in the content check: a bundle's slug is its folder, every image must exist and
 * have alt text, and each problem names the file, the line and the fix. And its cache: a body whose text
 * has not changed is not parsed again, and the cache never changes what the check reports.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { checkContentFolder } from './content-check'
import { slugFromFileName } from './content-rules'
import { parseMdxBody } from './mdx/image-references'

// Every export a spy that still does the real work, so a test can count the bodies parsed.
vi.mock('./mdx/image-references', { spy: true })

const NOW = new Date('2026-01-01T00:00:00Z')
// Four frontmatter lines between the fences and a blank line: the body starts on line 8 of the file.
const post = (body: string) => `---\ntitle: "Good"\ndate: 2025-04-16T10:00:00+00:00\ndescription: "Fine."\ntags: [go]\n---\n\n${body}\n`

const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

/** A temporary content folder with these files under posts/. */
function contentFolder(files: Record<string, string>): string {
  const folder = mkdtempSync(join(tmpdir(), 'blog-bundles-'))
  folders.push(folder)
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, 'posts', name)), { recursive: true })
    writeFileSync(join(folder, 'posts', name), text)
  }
  return folder
}

describe('slugFromFileName', () => {
  it('is the file name, or the folder of a bundle’s index.mdx', () => {
    expect(slugFromFileName('content/posts/my-post.mdx')).toBe('my-post')
    expect(slugFromFileName('posts/harbour-photos/index.mdx')).toBe('harbour-photos')
    expect(slugFromFileName('posts/index.mdx')).toBe('posts')
  })
})

describe('checkContentFolder: bundles, images and math', () => {
  it('accepts a bundle whose images are beside it, and math with braces (not MDX expressions)', () => {
    const folder = contentFolder({
      'harbour/index.mdx': post('![A photo](./photo.jpg)\n\nInline $\\frac{a}{b}$ and\n\n$$\n\\sum_{i=1}^{n} x_i\n$$'),
      'harbour/photo.jpg': 'not really a jpeg; the check only needs the file to exist',
    })
    expect(checkContentFolder(folder, NOW)).toEqual({ problems: [], unpublished: [] })
  })

  it('names the bundle folder as the slug in a permalink conflict', () => {
    const folder = contentFolder({ 'same/index.mdx': post('Body.'), 'same.mdx': post('Body.') })
    const { problems } = checkContentFolder(folder, NOW)
    expect(problems).toEqual([expect.stringMatching(/posts\/same\/index\.mdx: slug: permalink \/2025\/04\/same\/ is already used by .*posts\/same\.mdx/)])
  })

  it.each<{ rule: string; files: Record<string, string>; problem: RegExp }>([
    {
      rule: 'a relative image that is not beside the bundle',
      files: { 'harbour/index.mdx': post('Text.\n\n![A photo](./missing.jpg)') },
      problem: /^line 10: image "\.\/missing\.jpg" was not found: put the file at .*posts\/harbour\/missing\.jpg \(beside the post\), or fix the path$/,
    },
    {
      rule: 'a site-root image missing from public/',
      files: { 'harbour/index.mdx': post('<Figure src="/images/nowhere.png" alt="A chart" caption="Why" />') },
      problem: /^line 8: image "\/images\/nowhere\.png" was not found: put the file at public\/images\/nowhere\.png \(under public\/\), or fix the path$/,
    },
    {
      rule: 'a relative image in a single-file post',
      files: { 'single.mdx': post('![A photo](./photo.jpg)'), 'photo.jpg': 'x' },
      problem:
        /^line 8: image "\.\/photo\.jpg" is relative, which only a bundle post can use; move the post to .*posts\/single\/index\.mdx with the image beside it/,
    },
    {
      rule: 'an image without alt text in a bundle',
      files: { 'harbour/index.mdx': post('![](./photo.jpg)'), 'harbour/photo.jpg': 'x' },
      problem: /^line 8: image \.\/photo\.jpg has no alt text; write !\[what the image shows\]\(\.\/photo\.jpg\)$/,
    },
    {
      rule: 'an import statement, which a post compiled on its own cannot use',
      files: { 'single.mdx': post('import Chart from "./chart.js"\n\nText.') },
      problem: /^line 8: import and export statements are not supported; remove it and use Markdown, HTML or <Figure> \(content\/README\.md\)$/,
    },
    {
      rule: 'an image from another site',
      files: { 'harbour/index.mdx': post('![A photo](https://example.com/photo.jpg)') },
      problem: /^line 8: image "https:\/\/example\.com\/photo\.jpg" is not on this site; download it/,
    },
  ])('$rule: file, line and fix', ({ files, problem }) => {
    const { problems } = checkContentFolder(contentFolder(files), NOW)
    expect(problems).toHaveLength(1)
    const [file, ...rest] = problems[0]!.split(': ')
    expect(file).toMatch(/posts\/(harbour\/index|single)\.mdx$/)
    expect(rest.join(': ')).toMatch(problem)
  })
})

describe('checkContentFolder with a cache file', () => {
  const parse = vi.mocked(parseMdxBody)
  const scheduled = `---\ntitle: "Later"\ndate: 2026-06-01T10:00:00+00:00\ndescription: "d"\ntags: [go]\n---\n\nSoon.\n`

  it('parses only the files whose text changed, and reports exactly what the check without a cache reports', () => {
    const folder = contentFolder({
      'fine.mdx': post('Fine.'),
      'no-alt.mdx': post('![](/images/x.png)'),
      'harbour/index.mdx': post('Text.\n\n![A photo](./photo.jpg)'),
      'harbour/photo.jpg': 'x',
      'broken.mdx': post('An unclosed { brace.'),
      'not-yaml.mdx': '---\ntitle: Queues: a study\n---\n\nBody.\n',
      'later.mdx': scheduled,
    })
    const cacheFile = join(folder, 'cache', 'content-check.json')
    const uncached = (now: Date) => {
      const result = checkContentFolder(folder, now)
      parse.mockClear()
      return result
    }

    parse.mockClear()
    const first = checkContentFolder(folder, NOW, cacheFile)
    expect(parse).toHaveBeenCalledTimes(5) // every body but the one after frontmatter that is not YAML
    expect(existsSync(cacheFile)).toBe(true)
    expect(first).toEqual(uncached(NOW))
    expect(first.problems).toHaveLength(4)
    expect(first.unpublished).toEqual(['posts/later.mdx'])
    expect(readFileSync(cacheFile, 'utf8'), 'a scheduled post leaves nothing in the cache file').not.toMatch(/Later|Soon/)

    parse.mockClear()
    expect(checkContentFolder(folder, NOW, cacheFile)).toEqual(first)
    expect(parse).not.toHaveBeenCalled()

    // What a file's text does not decide is checked again every time: the clock, whether an image is there.
    rmSync(join(folder, 'posts', 'harbour', 'photo.jpg'))
    const july = new Date('2026-07-01T00:00:00Z')
    const afterChanges = checkContentFolder(folder, july, cacheFile)
    expect(parse).not.toHaveBeenCalled()
    expect(afterChanges).toEqual(uncached(july))
    expect(afterChanges.unpublished).toEqual([])
    expect(afterChanges.problems).toContainEqual(expect.stringMatching(/harbour\/index\.mdx: line 10: image "\.\/photo\.jpg" was not found/))

    // An edited post and a new one are parsed, once each; permalinks are still compared across every post.
    writeFileSync(join(folder, 'posts', 'fine.mdx'), post('Fine, and edited.'))
    writeFileSync(join(folder, 'posts', 'copy.mdx'), post('Another body.').replace('tags: [go]', 'tags: [go]\nslug: fine'))
    const afterEdits = checkContentFolder(folder, july, cacheFile)
    expect(parse.mock.calls.map(([body]) => body.trim()).sort()).toEqual(['Another body.', 'Fine, and edited.'])
    expect(afterEdits).toEqual(uncached(july))
    expect(afterEdits.problems).toContainEqual(expect.stringMatching(/fine\.mdx: slug: permalink \/2025\/04\/fine\/ is already used by .*copy\.mdx/))
  })
})
