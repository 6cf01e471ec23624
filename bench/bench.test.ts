/**
 * Smoke test of the benchmark's machinery on 13 real plus a few generated posts: the corpus is
 * deterministic and valid, the Hugo copy keeps our permalinks, and the statistics are right.
 * No timing is asserted here: the bench is not a test.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parsePostDate } from '../lib/dates'
import { tagSlug } from '../lib/urls'
import { buildPost, TAG_POOL, writeCorpus } from './corpus'
import { toHugoPost, writeHugoSite } from './hugo'
import { findAssets } from './page-weight'
import { formatNoise, median, summarize } from './stats'

const ROOT = join(import.meta.dirname, '..')
const work = mkdtempSync(join(tmpdir(), 'bench-smoke-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

/** Frontmatter fields of a generated post: every value is a JSON string, a date or a flow list. */
function readFrontmatter(source: string): Record<string, string> {
  const [, block = ''] = /^---\n([\s\S]*?)\n---\n/.exec(source) ?? []
  return Object.fromEntries(block.split('\n').map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]))
}

/** The prose: the body without fenced code and inline code, where MDX would read `<` or `{` as syntax. */
function readProse(source: string): string {
  return source
    .replace(/^---\n[\s\S]*?\n---\n/, '')
    .replace(/```[\s\S]*?```/g, '')
    .replace(/`[^`\n]*`/g, '')
}

describe('the corpus generator', () => {
  it('writes the same bytes for the same seed and index, and other bytes for another index', () => {
    expect(buildPost(7).source).toBe(buildPost(7).source)
    expect(buildPost(7).source).not.toBe(buildPost(8).source)
    expect(buildPost(7, 1).source).not.toBe(buildPost(7, 2).source)
  })

  it('writes only the 13 real posts at 13, and the real posts plus generated ones above', () => {
    const real = readdirSync(join(ROOT, 'content', 'posts')).sort()
    expect(writeCorpus({ count: 13, contentDir: join(work, 'c13'), realPostsDir: join(ROOT, 'content', 'posts') })).toHaveLength(13)
    expect(readdirSync(join(work, 'c13', 'posts')).sort()).toEqual(real)
    const slugs = writeCorpus({ count: 40, contentDir: join(work, 'c40'), realPostsDir: join(ROOT, 'content', 'posts') })
    expect(new Set(slugs).size).toBe(40)
    expect(readdirSync(join(work, 'c40', 'posts'))).toHaveLength(40)
  })

  it('generates valid, realistic posts: frontmatter our schema accepts, 600-1,200 words, headings, code, lists, links', () => {
    const titles = new Set<string>()
    for (let index = 0; index < 27; index++) {
      const { slug, source } = buildPost(index)
      const fields = readFrontmatter(source)
      const title = JSON.parse(fields.title ?? '') as string
      titles.add(title)
      expect(slug).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
      expect(JSON.parse(fields.description ?? '')).toBeTruthy()
      const date = parsePostDate(fields.date ?? '')
      expect(typeof date, `${slug}: date ${fields.date}`).toBe('object')
      const tags = (fields.tags ?? '').replace(/^\[|\]$/g, '').split(', ')
      expect(tags.length).toBeGreaterThanOrEqual(1)
      expect(tags.length).toBeLessThanOrEqual(4)
      for (const tag of tags) expect(TAG_POOL).toContain(tag)
      const body = source.replace(/^---\n[\s\S]*?\n---\n/, '')
      const words = body.split(/\s+/).filter(Boolean).length
      expect(words).toBeGreaterThanOrEqual(600)
      expect(words).toBeLessThanOrEqual(1300)
      expect(body).toMatch(/^## /m)
      expect(body).toMatch(/^```[a-z]+\n[\s\S]+?\n```$/m)
      expect(body).toMatch(/^- /m)
      expect(body).toMatch(/\]\((https:\/\/|\/tags\/)/)
      expect(readProse(source), `${slug}: raw MDX syntax in prose`).not.toMatch(/[<>{}]/)
    }
    const allTitles = [...titles].join(' ')
    for (const character of ['&', '<', '>', '"', "'", '—']) expect(allTitles).toContain(character)
    expect(allTitles).toMatch(/[éïüã]/)
  })

  it('uses only tag slugs that are already in canonical form', () => {
    for (const tag of TAG_POOL) expect(tagSlug(tag)).toBe(tag)
    expect(TAG_POOL.length).toBeGreaterThanOrEqual(35)
  })
})

describe('the Hugo copy', () => {
  it('sets slug to the file name so Hugo’s :slug matches our permalinks, and keeps an explicit slug', () => {
    const post = toHugoPost('---\ntitle: "A & B"\ndate: 2020-01-01T00:00:00+00:00\n---\n\nBody.\n', 'a-and-b')
    expect(post).toBe('---\ntitle: "A & B"\ndate: 2020-01-01T00:00:00+00:00\nslug: a-and-b\n---\n\nBody.\n')
    const explicit = '---\ntitle: x\nslug: mine\n---\nBody\n'
    expect(toHugoPost(explicit, 'file')).toBe(explicit)
    expect(() => toHugoPost('no frontmatter', 'file')).toThrow(/frontmatter/)
  })

  it('lays out config, layouts, the shared stylesheet and every post as Markdown', () => {
    const siteDir = join(work, 'hugo')
    const count = writeHugoSite({
      templateDir: join(ROOT, 'bench', 'hugo-site'),
      contentDir: join(work, 'c40'),
      cssFile: join(ROOT, 'app', 'globals.css'),
      siteDir,
    })
    expect(count).toBe(40)
    expect(readdirSync(join(siteDir, 'content', 'posts')).filter((file) => file.endsWith('.md') && file !== '_index.md')).toHaveLength(40)
    expect(readFileSync(join(siteDir, 'static', 'css', 'site.css'), 'utf8')).toBe(readFileSync(join(ROOT, 'app', 'globals.css'), 'utf8'))
    expect(readFileSync(join(siteDir, 'hugo.toml'), 'utf8')).toContain('posts = "/:year/:month/:slug/"')
  })
})

describe('the statistics and page weights', () => {
  it('takes medians of odd and even counts and reports the spread', () => {
    expect(median([3, 1, 2])).toBe(2)
    expect(median([4, 1, 3, 2])).toBe(2.5)
    expect(() => median([])).toThrow(/at least one/)
    const spread = summarize([90, 100, 120])
    expect(spread).toEqual({ median: 100, min: 90, max: 120, runs: 3 })
    expect(formatNoise(spread)).toBe('±20%')
    expect(formatNoise(summarize([5]))).toBe('n=1')
  })

  it('finds stylesheets and scripts a browser downloads, not noModule polyfills', () => {
    const html =
      '<link rel="stylesheet" href="/a.css"/><link rel="preload" href="/x.js"/><script src="/b.js" async=""></script><script src="/poly.js" noModule=""></script><script>inline()</script>'
    expect(findAssets(html, 'http://127.0.0.1:4000/post/')).toEqual({ css: ['http://127.0.0.1:4000/a.css'], js: ['http://127.0.0.1:4000/b.js'] })
  })
})
