import { describe, expect, it } from 'vitest'
import { allPosts, makeGeneratedPost } from './__fixtures__/generated'
import {
  getAdjacentPosts,
  getArchive,
  getMonth,
  getPageCount,
  getPagePosts,
  getPostAt,
  getPosts,
  getRelatedPosts,
  getTag,
  getTags,
  getYear,
  groupByDate,
  groupByTag,
  keyRenderedFiles,
  loadPosts,
  loadValidPosts,
  POSTS_PER_PAGE,
  selectPublished,
} from './posts'

const slugs = (posts: readonly { slug: string }[]) => posts.map((post) => post.slug)

describe('the published posts', () => {
  it('are newest first, with same-instant ties broken by slug, and hide drafts and future posts', () => {
    expect(slugs(getPosts())).toEqual(['late-night-in-chicago', 'escaping', 'tie-a', 'tie-b', 'custom-slug'])
  })

  it('show drafts and scheduled posts only when asked (the dev server)', () => {
    const { posts } = loadPosts(allPosts)
    const now = new Date('2026-01-01T00:00:00Z')
    expect(slugs(selectPublished(posts, { now, includeUnpublished: true }))).toContain('a-draft')
    expect(slugs(selectPublished(posts, { now, includeUnpublished: true }))).toContain('from-the-future')
  })

  it('publish a scheduled post once the clock reaches its date', () => {
    const { posts } = loadPosts(allPosts)
    const before = selectPublished(posts, { now: new Date('2998-12-31T23:59:59Z'), includeUnpublished: false })
    const after = selectPublished(posts, { now: new Date('2999-01-01T00:00:00Z'), includeUnpublished: false })
    expect(slugs(before)).not.toContain('from-the-future')
    expect(slugs(after)).toContain('from-the-future')
  })

  it('have permalinks from the date in its own offset, and the frontmatter slug over the file name', () => {
    expect(getPostAt('2025', '04', 'late-night-in-chicago')?.title).toBe('Late night in Chicago')
    expect(getPostAt('2025', '05', 'late-night-in-chicago')).toBeUndefined()
    expect(getPostAt('2023', '02', 'custom-slug')?.url).toBe('/2023/02/custom-slug/')
    expect(getPostAt('2023', '06', 'a-draft')).toBeUndefined()
  })

  it('link to their neighbours in date order', () => {
    const [newest, second] = getPosts()
    expect(getAdjacentPosts(newest!)).toEqual({ newer: undefined, older: second })
    expect(getAdjacentPosts(second!).newer).toBe(newest)
  })
})

describe('tags', () => {
  it('normalise spelling, so one tag written two ways is one tag', () => {
    expect(getTag('distributed-systems')?.posts.map((post) => post.slug)).toEqual(['late-night-in-chicago', 'escaping'])
    expect(getTag('go')?.title).toBe('Go')
  })

  it('count only published posts and list tags by slug', () => {
    expect(getTags().map((tag) => [tag.slug, tag.posts.length])).toEqual([
      ['architecture', 1],
      ['distributed-systems', 2],
      ['go', 3],
      ['xml', 1],
    ])
    expect(getTag('nope')).toBeUndefined()
  })
})

describe('the date listing', () => {
  it('groups by year and month, newest first', () => {
    expect(getArchive().map((year) => [year.year, year.months.map((month) => month.month)])).toEqual([
      [2025, [4, 3]],
      [2024, [1]],
      [2023, [2]],
    ])
    expect(getYear('2024')?.posts).toHaveLength(2)
    expect(getMonth('2025', '04')?.posts.map((post) => post.slug)).toEqual(['late-night-in-chicago'])
    expect(getMonth('2025', '4')).toBeUndefined()
    expect(getYear('1999')).toBeUndefined()
  })
})

describe('pagination', () => {
  const many = Array.from({ length: POSTS_PER_PAGE * 2 + 1 }, (_, index) =>
    makeGeneratedPost(`post-${index}`, {
      title: `Post ${index}`,
      date: `2020-01-01T00:${String(index).padStart(2, '0')}:00+00:00`,
      description: 'd',
      tags: ['t'],
    }),
  )
  const posts = selectPublished(loadValidPosts(many), { now: new Date('2026-01-01T00:00:00Z'), includeUnpublished: false })

  it('puts POSTS_PER_PAGE on each page and the rest on the last', () => {
    expect(getPageCount(posts)).toBe(3)
    expect(getPagePosts(1, posts)).toHaveLength(POSTS_PER_PAGE)
    expect(getPagePosts(3, posts)?.map((post) => post.slug)).toEqual(['post-0'])
  })

  it('has no page 0, no page past the end and no fractional page', () => {
    expect(getPagePosts(0, posts)).toBeUndefined()
    expect(getPagePosts(4, posts)).toBeUndefined()
    expect(getPagePosts(1.5, posts)).toBeUndefined()
  })

  it('still has one (empty) page for an empty blog, and exactly one page for exactly POSTS_PER_PAGE posts', () => {
    expect(getPageCount([])).toBe(1)
    expect(getPagePosts(1, [])).toEqual([])
    expect(getPageCount(posts.slice(0, POSTS_PER_PAGE))).toBe(1)
  })
})

describe('validation', () => {
  it('names the file, the field and the fix for every problem at once', () => {
    const bad = [
      makeGeneratedPost('no-offset', { title: ' ', date: '2025-01-01T10:00:00', description: '', tags: [] }),
      makeGeneratedPost('bad-tag', { title: 'T', date: '2025-01-01T10:00:00Z', description: 'd', tags: ['!!!'], slug: 'Bad Slug' }),
    ]
    const { posts, problems } = loadPosts(bad)
    expect(posts).toEqual([])
    expect(problems).toEqual([
      expect.stringMatching(/^content\/posts\/no-offset\.mdx: title: is missing or empty/),
      expect.stringMatching(/^content\/posts\/no-offset\.mdx: description: is missing or empty/),
      expect.stringMatching(/^content\/posts\/no-offset\.mdx: date: .*with an offset/),
      expect.stringMatching(/^content\/posts\/bad-tag\.mdx: tags: "!!!" is not a tag/),
      expect.stringMatching(/^content\/posts\/bad-tag\.mdx: slug: "Bad Slug" is not a URL slug/),
    ])
    expect(() => loadValidPosts(bad)).toThrow(/Invalid content \(5 problems\)/)
  })

  it('rejects two posts with one permalink, naming both files', () => {
    const twins = [
      makeGeneratedPost('one', { title: 'One', date: '2025-01-01T10:00:00Z', description: 'd', tags: ['a'], slug: 'same' }),
      makeGeneratedPost('two', { title: 'Two', date: '2025-01-09T10:00:00Z', description: 'd', tags: ['a'], slug: 'same' }),
    ]
    expect(loadPosts(twins).problems).toEqual([
      'content/posts/two.mdx: slug: permalink /2025/01/same/ is already used by content/posts/one.mdx; give one of them another slug',
    ])
  })
})

describe('related posts', () => {
  it('prefer the most shared tags, then the newer post, and never the post itself', () => {
    const bySlug = (slug: string) => getPosts().find((post) => post.slug === slug)!
    // escaping shares distributed-systems with late-night; tie-a and tie-b share go with late-night.
    expect(getRelatedPosts(bySlug('late-night-in-chicago')).map((post) => post.slug)).toEqual(['escaping', 'tie-a', 'tie-b'])
    expect(getRelatedPosts(bySlug('custom-slug'))).toEqual([])
    expect(getRelatedPosts(bySlug('tie-a')).map((post) => post.slug)).toEqual(['late-night-in-chicago', 'tie-b'])
  })
})

describe('the keys of the files a build may carry over', () => {
  const keysOf = (posts: ReturnType<typeof getPosts>) => keyRenderedFiles(posts, groupByTag(posts), groupByDate(posts))

  it('change, after an edit to one post’s body, for that post’s page and card and its tags’ feeds only', () => {
    const posts = getPosts()
    const edited = posts.find((post) => post.tagSlugs.length > 0)!
    const before = keysOf(posts)
    const after = keysOf(posts.map((post) => (post === edited ? { ...post, html: `${post.html}<p>An added sentence.</p>` } : post)))
    const changed = Object.keys(before).filter((file) => before[file] !== after[file])
    const tagFeeds = edited.tagSlugs.flatMap((tag) => [`/tags/${tag}/index.xml`, `/tags/${tag}/atom.xml`, `/tags/${tag}/feed.json`])
    expect(changed.sort()).toEqual([`${edited.url}index.html`, `${edited.url}og.png`, ...tagFeeds].sort())
    expect(Object.keys(before)).toEqual(expect.arrayContaining(getTags().map((tag) => `/tags/${tag.slug}/feed.json`)))
  })
})
