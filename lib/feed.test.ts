import { XMLParser } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'
import { escapeHtml, getPostsSectionFeed, getSiteFeed, getTagFeed, renderFeed } from './feed'
import { getPosts, getTag } from './posts'

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', processEntities: true, htmlEntities: false })

function asArray<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value]
}

/** Undoes one level of HTML escaping, as a reader does for an RSS description or Atom type="html". */
function decodeHtml(text: string): string {
  return text.replace(/&(#\d+|amp|lt|gt|quot);/g, (_, entity: string) =>
    entity.startsWith('#') ? String.fromCodePoint(Number(entity.slice(1))) : ({ amp: '&', lt: '<', gt: '>', quot: '"' } as Record<string, string>)[entity]!,
  )
}

describe('RSS 2.0', () => {
  const spec = getTagFeed('distributed-systems')!
  const channel = xml.parse(renderFeed(spec, 'rss')).rss.channel

  it('describes the tag as Hugo did, with a self link and the newest item’s date as lastBuildDate', () => {
    expect(channel.title).toBe('Distributed-Systems on Bits, Trades & Systems')
    expect(channel.link).toBe('https://blog.turboawesome.win/tags/distributed-systems/')
    expect(channel.description).toBe('Recent content in Distributed-Systems on Bits, Trades & Systems')
    expect(channel.language).toBe('en-us')
    expect(channel['atom:link']['@href']).toBe('https://blog.turboawesome.win/tags/distributed-systems/index.xml')
    expect(new Date(channel.lastBuildDate).toISOString()).toBe(new Date('2025-04-30T23:30:00-05:00').toISOString())
  })

  it('has one item per published post of the tag, newest first, with the permalink as link and GUID', () => {
    const items = asArray(channel.item)
    expect(items.map((item) => item.link)).toEqual(getTag('distributed-systems')!.posts.map((post) => `https://blog.turboawesome.win${post.url}`))
    for (const item of items) {
      expect(item.guid['#text']).toBe(item.link)
      expect(item.guid['@isPermaLink']).not.toBe('false')
    }
  })

  it('carries XML special characters, emoji and "]]>" through unchanged', () => {
    const item = asArray(channel.item).find((entry) => String(entry.link).includes('/escaping/'))
    const post = getPosts().find((entry) => entry.slug === 'escaping')!
    expect(item.title).toBe(post.title)
    expect(decodeHtml(item.description)).toBe(post.description)
  })

  it('is the same bytes when built twice (no build-time clock)', () => {
    expect(renderFeed(spec, 'rss')).toBe(renderFeed(getTagFeed('distributed-systems')!, 'rss'))
  })

  it('has no feed for an unknown tag', () => {
    expect(getTagFeed('no-such-tag')).toBeUndefined()
  })
})

describe('the site feeds', () => {
  it('list every published post, in /index.xml and /posts/index.xml alike', () => {
    const links = (text: string) => asArray(xml.parse(text).rss.channel.item).map((item) => item.link)
    const expected = getPosts().map((post) => `https://blog.turboawesome.win${post.url}`)
    expect(links(renderFeed(getSiteFeed(), 'rss'))).toEqual(expected)
    expect(links(renderFeed(getPostsSectionFeed(), 'rss'))).toEqual(expected)
    expect(xml.parse(renderFeed(getSiteFeed(), 'rss')).rss.channel.title).toBe('Bits, Trades & Systems')
  })
})

describe('Atom and JSON Feed', () => {
  it('escapes titles for Atom’s type="html" so readers show them as written', () => {
    const feed = xml.parse(renderFeed(getTagFeed('xml')!, 'atom')).feed
    const entry = asArray(feed.entry)[0]
    expect(decodeHtml(entry.title['#text'])).toBe('Fish & Chips <script>alert("x")</script> — café ]]> 🎉')
    expect(entry.id).toBe(entry.link['@href'])
  })

  it('writes JSON Feed 1.1 with plain-text fields', () => {
    const feed = JSON.parse(renderFeed(getTagFeed('xml')!, 'json'))
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1')
    expect(feed.items[0].title).toBe('Fish & Chips <script>alert("x")</script> — café ]]> 🎉')
  })
})

describe('escapeHtml', () => {
  it('escapes as Hugo does, so existing descriptions keep their bytes', () => {
    expect(escapeHtml(`Here's <b> & "q"`)).toBe('Here&#39;s &lt;b&gt; &amp; &#34;q&#34;')
  })
})
