import { describe, expect, it } from 'vitest'
import { buildPermalink, feedPath, formatTagTitle, homePagePath, listingPagePath, monthPath, tagSlug } from './urls'

describe('tagSlug', () => {
  it.each([
    ['distributed-systems', 'distributed-systems'],
    ['Distributed Systems', 'distributed-systems'],
    ['  Go  ', 'go'],
    ['Next.js & MDX', 'next-js-mdx'],
    ['Café', 'cafe'],
    ['data_engineering', 'data-engineering'],
  ])('%s -> %s', (tag, slug) => {
    expect(tagSlug(tag)).toBe(slug)
  })
})

describe('formatTagTitle', () => {
  it('capitalises each hyphenated word as Hugo renders a term', () => {
    expect(formatTagTitle('distributed-systems')).toBe('Distributed-Systems')
    expect(formatTagTitle('go')).toBe('Go')
    expect(formatTagTitle('data-engineering')).toBe('Data-Engineering')
  })
})

describe('paths', () => {
  it('builds /YYYY/MM/slug/ with a zero-padded month', () => {
    expect(buildPermalink({ raw: '', instant: new Date(0), year: 2017, month: 1 }, 'kafka')).toBe('/2017/01/kafka/')
  })

  it('puts page 1 at the root and later pages under /page/N/', () => {
    expect(homePagePath(1)).toBe('/')
    expect(homePagePath(2)).toBe('/page/2/')
  })

  it('pages a tag listing as Hugo does: the tag page, then /tags/<tag>/page/N/', () => {
    expect(listingPagePath('/tags/go/', 1)).toBe('/tags/go/')
    expect(listingPagePath('/tags/go/', 3)).toBe('/tags/go/page/3/')
  })

  it('names feed files as Hugo and the other formats do', () => {
    expect(feedPath('/tags/go/', 'rss')).toBe('/tags/go/index.xml')
    expect(feedPath('/', 'atom')).toBe('/atom.xml')
    expect(feedPath('/posts/', 'json')).toBe('/posts/feed.json')
    expect(monthPath(2025, 4)).toBe('/2025/04/')
  })
})
