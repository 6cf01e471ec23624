/** Settings read when a module loads: each case imports the module afresh with its own environment. */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { makeGeneratedPost } from './__fixtures__/generated'

afterEach(() => {
  vi.unstubAllEnvs()
  vi.doUnmock('@/lib/content-source')
  vi.resetModules()
})

describe('FEED_ITEM_LIMIT', () => {
  it('caps every feed at that many newest items', async () => {
    vi.stubEnv('FEED_ITEM_LIMIT', '2')
    vi.resetModules()
    const { getSiteFeed, getTagFeed } = await import('./feed')
    expect(getSiteFeed().entries.map((entry) => entry.path)).toEqual(['/2025/04/late-night-in-chicago/', '/2025/03/escaping/'])
    expect(getTagFeed('go')?.entries).toHaveLength(2)
  })

  it('keeps every post when unset, and rejects a value that is not a positive whole number', async () => {
    vi.resetModules()
    expect((await import('./feed')).getSiteFeed().entries).toHaveLength(5)
    vi.stubEnv('FEED_ITEM_LIMIT', 'ten')
    vi.resetModules()
    await expect(import('./site')).rejects.toThrow(/FEED_ITEM_LIMIT "ten" must be a whole number/)
  })
})

describe('FEED_FULL_CONTENT_ITEMS', () => {
  it('puts the whole post in that many newest items of each feed; the older keep their description only', async () => {
    vi.stubEnv('FEED_FULL_CONTENT_ITEMS', '2')
    vi.resetModules()
    const { getSiteFeed, renderFeed } = await import('./feed')
    const spec = getSiteFeed()
    expect(spec.entries).toHaveLength(5)
    expect(spec.entries.map((entry) => entry.html !== undefined)).toEqual([true, true, false, false, false])
    expect(renderFeed(spec, 'rss').match(/<content:encoded>/g)).toHaveLength(2)
    expect(renderFeed(spec, 'atom').match(/<content /g)).toHaveLength(2)
    expect(renderFeed(spec, 'rss').match(/<guid[ >]/g)).toHaveLength(5)
    // JSON Feed needs content in one form on every item: the older items carry their description as text.
    const items = JSON.parse(renderFeed(spec, 'json')).items as { content_html?: string; content_text?: string; summary?: string }[]
    expect(items.map((item) => item.content_html !== undefined)).toEqual([true, true, false, false, false])
    expect(items.slice(2).map((item) => item.content_text)).toEqual(spec.entries.slice(2).map((entry) => entry.description))
  })

  it('keys a tag’s feeds by the posts they carry whole: an edit to an older post’s body leaves them as they are', async () => {
    vi.stubEnv('FEED_FULL_CONTENT_ITEMS', '1')
    vi.resetModules()
    const { getPosts, groupByDate, groupByTag, keyRenderedFiles } = await import('./posts')
    const posts = getPosts()
    // As lib/posts.test.ts keys a build's posts.
    const keysOf = (list: typeof posts) => keyRenderedFiles(list, groupByTag(list), groupByDate(list))
    const before = keysOf(posts)
    const changedBy = (slug: string) => {
      const after = keysOf(posts.map((post) => (post.slug === slug ? { ...post, html: `${post.html}<p>An added sentence.</p>` } : post)))
      return Object.keys(before).filter((file) => before[file] !== after[file])
    }
    // The go tag's posts, newest first: late-night-in-chicago, tie-a, tie-b.
    expect(changedBy('tie-b').filter((file) => file.startsWith('/tags/'))).toEqual([])
    expect(changedBy('late-night-in-chicago')).toEqual(expect.arrayContaining(['/tags/go/index.xml', '/tags/go/atom.xml', '/tags/go/feed.json']))
  })

  it('is 20 by default, "all" for every item, and rejects anything else', async () => {
    vi.resetModules()
    expect((await import('./site')).site.feedFullContentItems).toBe(20)
    vi.stubEnv('FEED_FULL_CONTENT_ITEMS', 'all')
    vi.resetModules()
    expect((await import('./site')).site.feedFullContentItems).toBe(Number.POSITIVE_INFINITY)
    vi.stubEnv('FEED_FULL_CONTENT_ITEMS', '-1')
    vi.resetModules()
    await expect(import('./site')).rejects.toThrow(/FEED_FULL_CONTENT_ITEMS "-1" must be a whole number/)
  })
})

describe('aliases', () => {
  it('fail the build (the first page that asks for posts) when one is a page of the site, naming the file', async () => {
    vi.doMock('@/lib/content-source', () => ({
      readGeneratedPosts: () => [
        makeGeneratedPost('one', { title: 'One', date: '2025-01-01T10:00:00Z', description: 'd', tags: ['go'], aliases: ['/tags/go/'] }),
      ],
    }))
    vi.resetModules()
    const { getPosts } = await import('./posts')
    expect(() => getPosts()).toThrow(/content\/posts\/one\.mdx: aliases: \/tags\/go\/ is a page of the site/)
  })
})
