import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { HugoConfig } from './config'
import { appendRedirects, planHugoRedirects, type RedirectPlanInput } from './redirects'

const config: HugoConfig = {
  files: ['hugo.toml'],
  baseURL: 'https://old.example.com/blog/',
  basePath: '/blog',
  permalinks: {},
  taxonomies: { tag: 'tags', category: 'categories' },
  uglyURLs: false,
  disablePathToLower: false,
  contentDir: 'content',
  staticDirs: ['static'],
  params: {},
  hasMathPassthrough: false,
  languages: [],
  paginate: 10,
}

const input = (overrides: Partial<RedirectPlanInput> = {}): RedirectPlanInput => ({
  config,
  sections: ['articles'],
  pageTerms: [{ tags: ['C++', 'go'], categories: [] }, { tags: ['go', 'Only On A Page'] }],
  sectionCounts: new Map([['articles', 12]]),
  posts: [
    {
      source: 'content/articles/x/index.md',
      hugoUrl: '/blog/articles/x/',
      url: '/2024/01/x/',
      tags: ['c', 'go'],
      published: true,
      resources: ['photo.png', 'notes.md', 'my photo.jpg'],
    },
  ],
  existingTags: [],
  staticFiles: ['/images/a.png'],
  ...overrides,
})

describe('planHugoRedirects', () => {
  const { redirects, notes } = planHugoRedirects(input())
  const lines = redirects.map(({ from, to }) => `${from} ${to}`)

  it('a baseURL under a folder: its home, feed, pager and static files lead to the root', () => {
    expect(lines).toContain('/blog/ /')
    expect(lines).toContain('/blog/index.xml /index.xml')
    expect(lines).toContain('/blog/page/1/ /')
    expect(lines).toContain('/blog/images/a.png /images/a.png')
  })

  it('a main section other than posts/ is listed at /posts/, pager and feed included', () => {
    expect(lines).toEqual(
      expect.arrayContaining([
        '/blog/articles/ /posts/',
        '/blog/articles/index.xml /posts/index.xml',
        '/blog/articles/page/1/ /posts/',
        '/blog/articles/page/2/ /posts/',
      ]),
    )
  })

  it('a tag our rules spell differently, or that no post has, leads to its tag or to /tags/; a tag of ours is left alone', () => {
    expect(lines).toEqual(expect.arrayContaining(['/blog/tags/c++/ /tags/c/', '/blog/tags/c++/index.xml /tags/c/index.xml', '/blog/tags/c++/page/1/ /tags/c/']))
    expect(lines).toEqual(expect.arrayContaining(['/blog/tags/only-on-a-page/ /tags/', '/blog/tags/only-on-a-page/index.xml /index.xml']))
    expect(lines.some((line) => line.startsWith('/blog/tags/go/'))).toBe(false)
    expect(lines).toContain('/blog/tags/page/1/ /tags/')
  })

  it('a bundle’s files lead to the post page; page resources are skipped and a name that cannot be a path is a note', () => {
    expect(lines).toContain('/blog/articles/x/photo.png /2024/01/x/')
    expect(lines.some((line) => line.includes('notes.md') || line.includes('my photo'))).toBe(false)
    expect(notes).toEqual([expect.stringContaining('the file "my photo.jpg" has a space')])
  })

  it('never shadows a post’s own URL or alias, lists each old path once, and gives a draft nothing', () => {
    expect(new Set(redirects.map(({ from }) => from)).size).toBe(redirects.length)
    const draft = planHugoRedirects(input({ posts: [{ ...input().posts[0]!, published: false }] })).redirects
    expect(draft.some(({ to }) => to === '/2024/01/x/')).toBe(false)
    expect(draft.find(({ from }) => from === '/blog/tags/c++/')?.to).toBe('/tags/')
  })
})

describe('appendRedirects', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hugo-redirects-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('adds only new old paths, after what is there, and keeps a line the file already has', () => {
    const file = join(dir, 'redirects.txt')
    writeFileSync(file, '/categories/ /posts/')
    const outcomes = appendRedirects(
      file,
      [
        { from: '/categories/', to: '/tags/', why: 'merged' },
        { from: '/categories/x/', to: '/tags/x/', why: 'merged' },
      ],
      { source: 'import:hugo https://old.example.com/' },
    )
    expect(outcomes.map(({ status }) => status)).toEqual(['already there', 'added'])
    expect(outcomes[0]).toMatchObject({ existing: '/posts/' })
    expect(readFileSync(file, 'utf8')).toBe('/categories/ /posts/\n\n# import:hugo https://old.example.com/: merged\n/categories/x/ /tags/x/\n')
  })
})
