/**
 * Smoke test of the benchmark's machinery on 13 real plus a few generated posts: the corpus is
 * deterministic and valid, the Hugo copy keeps our permalinks, and the statistics are right.
 * No timing is asserted here: the bench is not a test.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parsePostDate } from '../lib/dates'
import { tagSlug } from '../lib/urls'
import { buildPost, TAG_POOL, writeCorpus } from './corpus'
import { toHugoPost, writeHugoSite } from './hugo'
import { INLINE_SCRIPTS } from '../lib/inline-scripts.mjs'
import { childEnv } from './measure'
import { findOffHostRequests, formatLighthouseTable, summarizeRuns, type PageScores } from './lighthouse'
import { findAssets, isFrameworkScript, measurePageWeight } from './page-weight'
import { chainSteps, cleanOutputs, labelStep, readBuildSteps } from './scratch'
import { renderBenchNginx } from './servers'
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

  it('finds stylesheets and scripts with a real HTML parser, noModule polyfills marked', () => {
    const html =
      '<link rel="stylesheet" href="/a.css"/><link rel="preload" href="/x.js"/><script src="/b.js" async=""></script><script src="/poly.js" noModule=""></script><script>inline()</script><!-- <script src="/commented.js"></script> -->'
    const assets = findAssets(html)
    expect(assets.stylesheets).toEqual(['/a.css'])
    expect(assets.scripts).toEqual([
      { src: '/b.js', type: undefined, text: '', noModule: false },
      { src: '/poly.js', type: undefined, text: '', noModule: true },
      { src: undefined, type: undefined, text: 'inline()', noModule: false },
    ])
  })

  it("counts Next's scripts and foreign inline scripts as framework JavaScript, not ours or JSON-LD", () => {
    const page = 'http://site.invalid/2017/01/post/'
    expect(isFrameworkScript({ src: '/_next/static/chunks/main.js', text: '', noModule: false }, page, INLINE_SCRIPTS)).toBe(true)
    expect(isFrameworkScript({ src: '../../../_next/x.js', text: '', noModule: false }, page, INLINE_SCRIPTS)).toBe(true)
    expect(isFrameworkScript({ src: '/search.js', text: '', noModule: false }, page, INLINE_SCRIPTS)).toBe(false)
    expect(isFrameworkScript({ type: 'application/ld+json', text: '{"@type":"BlogPosting"}', noModule: false }, page, INLINE_SCRIPTS)).toBe(false)
    expect(isFrameworkScript({ text: INLINE_SCRIPTS[0] ?? '', noModule: false }, page, INLINE_SCRIPTS)).toBe(false)
    expect(isFrameworkScript({ text: 'self.__next_f.push([1,"x"])', noModule: false }, page, INLINE_SCRIPTS)).toBe(true)
  })

  it('weighs a built page and what it loads from the files, and fails on a reference that was not built', () => {
    const site = join(work, 'built')
    mkdirSync(join(site, 'post'), { recursive: true })
    mkdirSync(join(site, '_next'), { recursive: true })
    writeFileSync(join(site, 'site.css'), 'body { color: red }\n'.repeat(50))
    writeFileSync(join(site, '_next', 'runtime.js'), 'console.log(1)\n'.repeat(50))
    writeFileSync(
      join(site, 'post', 'index.html'),
      '<!doctype html><html><head><link rel="stylesheet" href="../site.css"><script src="/_next/runtime.js"></script></head><body><p>Hello</p><script>self.__next_f=1</script></body></html>',
    )
    const weight = measurePageWeight(site, '/post/', INLINE_SCRIPTS)
    expect(weight.css.plain).toBe(20 * 50)
    expect(weight.js.plain).toBe(15 * 50)
    expect(weight.firstVisit.gzip).toBe(weight.html.gzip + weight.css.gzip + weight.js.gzip)
    expect(weight.framework.scripts).toBe(2)
    expect(weight.framework.bytes.plain).toBe(15 * 50 + 'self.__next_f=1'.length)
    writeFileSync(join(site, 'post', 'index.html'), '<link rel="stylesheet" href="/missing.css">')
    expect(() => measurePageWeight(site, '/post/', INLINE_SCRIPTS)).toThrow(/missing\.css/)
  })
})

describe('the scratch build', () => {
  it("times npm run build's own steps, in order", () => {
    const steps = readBuildSteps(join(ROOT, 'package.json'))
    expect(steps.join(' && ')).toBe((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { build: string } }).scripts.build)
    expect(steps.map(labelStep)).toEqual(['contentlayer2 build', 'next build', 'finish-build'])
    const odd = join(work, 'odd-package.json')
    writeFileSync(odd, JSON.stringify({ scripts: { build: 'a || b' } }))
    expect(() => readBuildSteps(odd)).toThrow(/plain/)
  })

  it('runs children with PWD naming their own folder, which contentlayer2 takes for its working folder', () => {
    const folder = mkdtempSync(join(work, 'child-'))
    const child = spawnSync(process.execPath, ['-e', 'process.exit(process.env.PWD === process.cwd() ? 0 : 3)'], {
      cwd: folder,
      env: childEnv(folder, { BENCH_GONE: undefined }),
    })
    expect(child.status).toBe(0)
    expect(childEnv(folder, { BENCH_SET: 'x', HOME: undefined })).toMatchObject({ PWD: folder, BENCH_SET: 'x' })
    expect(childEnv(folder, { HOME: undefined })).not.toHaveProperty('HOME')
  })

  it('adds up steps run back to back and keeps the largest memory peak', () => {
    const step = (wallS: number, rss: number) => ({ wallS, cpuS: wallS * 2, peakTreeRssMiB: rss, maxProcessRssMiB: rss / 2 })
    expect(chainSteps([step(1, 100), step(2, 300), step(3, 200)])).toEqual({ wallS: 6, cpuS: 12, peakTreeRssMiB: 300, maxProcessRssMiB: 150 })
  })

  it('empties every output folder for a cold build, and all but the caches for a warm one', () => {
    const site = join(work, 'site')
    const files = [
      '.contentlayer/.cache/x',
      '.contentlayer/images/v1/x',
      '.contentlayer/generated/x',
      '.next/cache/x',
      '.next/server/x',
      '.next-export/cache/x',
      '.next-export/index.html',
      '.builds/1/index.html',
      'out/index.html',
      'app/page.tsx',
    ]
    for (const file of files) {
      mkdirSync(join(site, file, '..'), { recursive: true })
      writeFileSync(join(site, file), '')
    }
    cleanOutputs(site, true)
    const left = (folder: string) => readdirSync(join(site, folder)).sort()
    expect(left('.contentlayer')).toEqual(['.cache', 'images'])
    expect(left('.next')).toEqual(['cache'])
    expect(left('.next-export')).toEqual(['cache'])
    expect(left('out')).toEqual(['index.html'])
    cleanOutputs(site, false)
    expect(readdirSync(site).sort()).toEqual(['app'])
  })

  it('fills the bench nginx template for one root and port, and wraps our rendered config the same way', () => {
    const config = renderBenchNginx(join(ROOT, 'bench', 'nginx.conf.template'), '/srv/out', 4012, '/tmp/nginx-x')
    expect(config).toContain('listen 127.0.0.1:4012;')
    expect(config).toContain('root /srv/out;')
    expect(config).toContain('gzip on;')
    expect(config).not.toMatch(/\{\{/)
    const deploy = readFileSync(join(ROOT, 'bench', 'nginx-deploy.conf.template'), 'utf8')
    expect(deploy).toContain('include {{PREFIX}}/blog.conf;')
    for (const line of ['worker_processes 2;', 'keepalive_requests 1000000;', 'worker_connections 2048;']) {
      expect(config).toContain(line)
      expect(deploy).toContain(line)
    }
  })
})

describe('the Lighthouse table', () => {
  const scores = (performance: number, lcpMs: number): PageScores => ({ performance, accessibility: 100, 'best-practices': 100, seo: 100, lcpMs, tbtMs: 0 })

  it('takes each figure’s median over runs and prints ours next to Hugo’s', () => {
    expect(summarizeRuns([scores(90, 900), scores(100, 700), scores(95, 800)])).toEqual(scores(95, 800))
    const table = formatLighthouseTable({ pages: { home: { path: '/', ours: scores(99, 812), hugo: scores(100, 640), oursRuns: [], hugoRuns: [] } } as never })
    expect(table).toContain('| home (`/`), ours / Hugo | 99 / 100 | 100 / 100 | 100 / 100 | 100 / 100 | 812 ms / 640 ms | 0 ms / 0 ms |')
  })

  it('flags every request that left 127.0.0.1', () => {
    expect(findOffHostRequests(['http://127.0.0.1:4021/', 'data:image/png;base64,x', 'https://fonts.example/x.woff2', 'http://localhost:4021/'])).toEqual([
      'https://fonts.example/x.woff2',
      'http://localhost:4021/',
    ])
  })
})
