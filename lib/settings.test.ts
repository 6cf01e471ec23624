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
