import { parseFeed } from '@rowanmanning/feed-parser'
import { XMLParser } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'
import {
  escapeHtml,
  feedResponse,
  getFeedContentType,
  getPostsSectionFeed,
  getSiteFeed,
  getTagFeed,
  getTagsFeed,
  renderFeed,
  renderFeedParts,
  type FeedSpec,
} from './feed'
import { getPosts, getTag, getTags } from './posts'

const SITE = 'https://blog.turboawesome.win'
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', htmlEntities: true })
const asArray = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value])
const escaping = () => getPosts().find((post) => post.slug === 'escaping')!

const EXPECTED_ESCAPING_HTML =
  '<h2 id="more">More &amp; less</h2>' +
  `<p>See <a href="${SITE}/tags/xml/">the tag</a> and <a href="${SITE}/2025/03/escaping/#more">below</a> — café 🎉 ]]&gt;</p>` +
  `<p><img src="${SITE}/2025/03/escaping/diagram.png" alt="A diagram"/></p>` +
  '<pre><code>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</code></pre>'

describe('RSS 2.0', () => {
  const spec = getTagFeed('distributed-systems')!
  const channel = xml.parse(renderFeed(spec, 'rss')).rss.channel

  it('describes the tag as Hugo did, with a self link and the newest item’s date as lastBuildDate', () => {
    expect(channel.title).toBe('Distributed-Systems on Bits, Trades & Systems')
    expect(channel.link).toBe(`${SITE}/tags/distributed-systems/`)
    expect(channel.description).toBe('Recent content in Distributed-Systems on Bits, Trades & Systems')
    expect(channel.language).toBe('en-us')
    expect(channel['atom:link']['@href']).toBe(`${SITE}/tags/distributed-systems/index.xml`)
    expect(new Date(channel.lastBuildDate).toISOString()).toBe(new Date('2025-04-30T23:30:00-05:00').toISOString())
  })

  it('has one item per published post of the tag, newest first, with the permalink as link and GUID', () => {
    const items = asArray(channel.item)
    expect(items.map((item) => item.link)).toEqual(getTag('distributed-systems')!.posts.map((post) => `${SITE}${post.url}`))
    for (const item of items) {
      expect(item.guid['#text']).toBe(item.link)
      expect(item.guid['@isPermaLink']).not.toBe('false')
    }
  })

  it('carries the full post as content:encoded with absolute URLs and no page-only anchors', () => {
    const item = asArray(channel.item).find((entry) => String(entry.link).endsWith('/escaping/'))
    expect(item['content:encoded']).toBe(EXPECTED_ESCAPING_HTML)
    expect(asArray(item.category)).toEqual(['distributed-systems', 'xml'])
  })

  it('is the same bytes when built twice (no build-time clock)', () => {
    expect(renderFeed(spec, 'rss')).toBe(renderFeed(getTagFeed('distributed-systems')!, 'rss'))
  })

  it('has no feed for an unknown tag', () => {
    expect(getTagFeed('no-such-tag')).toBeUndefined()
  })
})

describe('a post full of special characters', () => {
  const post = escaping()

  it.each(['rss', 'atom'] as const)('round-trips title, description and tags through %s unchanged, unescaped once', (format) => {
    const feed = parseFeed(renderFeed(getTagFeed('xml')!, format))
    const item = feed.items[0]!
    expect(item.title).toBe(post.title)
    expect(item.description).toBe(post.description)
    expect(item.url).toBe(`${SITE}${post.url}`)
    expect(item.id).toBe(`${SITE}${post.url}`)
    expect(item.categories.map((category) => category.term)).toEqual(['distributed-systems', 'xml'])
  })

  it('round-trips through JSON Feed unchanged', () => {
    const item = JSON.parse(renderFeed(getTagFeed('xml')!, 'json')).items[0]
    expect(item.title).toBe(post.title)
    expect(item.summary).toBe(post.description)
    expect(item.content_html).toBe(EXPECTED_ESCAPING_HTML)
    expect(item.tags).toEqual(['distributed-systems', 'xml'])
  })

  it('keeps the same full content in Atom as in RSS', () => {
    const entry = asArray(xml.parse(renderFeed(getTagFeed('xml')!, 'atom')).feed.entry)[0]
    expect(entry.content['#text']).toBe(EXPECTED_ESCAPING_HTML)
    expect(entry.content['@type']).toBe('html')
  })
})

describe('every feed', () => {
  const specs = [getSiteFeed(), getPostsSectionFeed(), getTagsFeed(), ...getTags().map((tag) => getTagFeed(tag.slug)!)]

  it.each(specs.map((spec) => [spec.folder, spec] as const))('%s parses in RSS and Atom with the model’s item count', (_, spec) => {
    for (const format of ['rss', 'atom'] as const) {
      const feed = parseFeed(renderFeed(spec, format))
      expect(feed.title).toBe(spec.title)
      expect(feed.items).toHaveLength(spec.entries.length)
    }
  })

  it('Atom has the elements RFC 4287 requires: id, title, updated, author, link rel=self; entries id, title, updated', () => {
    const feed = xml.parse(renderFeed(getSiteFeed(), 'atom')).feed
    expect(feed.id).toBe(`${SITE}/`)
    expect(feed.title).toBe('Bits, Trades & Systems')
    expect(Number.isNaN(Date.parse(feed.updated))).toBe(false)
    expect(feed.author.name).toBe('Bits, Trades & Systems')
    expect(asArray(feed.link).find((link) => link['@rel'] === 'self')['@href']).toBe(`${SITE}/atom.xml`)
    for (const entry of asArray(feed.entry)) {
      expect(entry.id).toMatch(/^https:\/\//)
      expect(entry.title).toBeTruthy()
      expect(Number.isNaN(Date.parse(entry.updated))).toBe(false)
    }
  })

  it('JSON Feed 1.1 has version, title, and items with id and content', () => {
    const feed = JSON.parse(renderFeed(getSiteFeed(), 'json'))
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1')
    expect(feed.title).toBe('Bits, Trades & Systems')
    expect(feed.feed_url).toBe(`${SITE}/feed.json`)
    expect(feed.items).toHaveLength(getPosts().length)
    for (const item of feed.items) {
      expect(item.id).toBe(item.url)
      expect(typeof item.content_html).toBe('string')
    }
  })

  it('lists the same posts in the site and posts-section feeds', () => {
    const links = (text: string) => asArray(xml.parse(text).rss.channel.item).map((item) => item.link)
    const expected = getPosts().map((post) => `${SITE}${post.url}`)
    expect(links(renderFeed(getSiteFeed(), 'rss'))).toEqual(expected)
    expect(links(renderFeed(getPostsSectionFeed(), 'rss'))).toEqual(expected)
  })

  it('uses updated frontmatter for Atom <updated> and JSON date_modified, keeping the id', () => {
    const spec = getTagFeed('architecture')!
    const entry = asArray(xml.parse(renderFeed(spec, 'atom')).feed.entry)[0]
    expect(entry.id).toBe(`${SITE}/2023/02/custom-slug/`)
    expect(entry.updated).toBe('2024-02-03T02:05:06.000Z')
    expect(entry.published).toBe('2023-02-03T02:05:06.000Z')
    const item = JSON.parse(renderFeed(spec, 'json')).items[0]
    expect(item.date_modified).toBe('2024-02-03T02:05:06.000Z')
    expect(item.date_published).toBe('2023-02-03T02:05:06.000Z')
  })
})

describe('the tags feed', () => {
  it('lists each tag once, the tag with the newest post first', () => {
    const items = asArray(xml.parse(renderFeed(getTagsFeed(), 'rss')).rss.channel.item)
    expect(items.map((item) => item.title)).toEqual(['Distributed-Systems', 'Go', 'Xml', 'Architecture'])
    expect(items[0].link).toBe(`${SITE}/tags/distributed-systems/`)
  })
})

describe('feed content types', () => {
  it('come from the HTTP table, by the file each format is served at', () => {
    expect(getFeedContentType('rss')).toBe('application/rss+xml; charset=utf-8')
    expect(getFeedContentType('atom')).toBe('application/atom+xml; charset=utf-8')
    expect(getFeedContentType('json')).toBe('application/feed+json; charset=utf-8')
  })
})

describe('escapeHtml', () => {
  it('escapes as Hugo does, so existing descriptions keep their bytes', () => {
    expect(escapeHtml(`Here's <b> & "q"`)).toBe('Here&#39;s &lt;b&gt; &amp; &#34;q&#34;')
  })
})

describe('a feed made in parts', () => {
  const FORMATS = ['rss', 'atom', 'json'] as const
  const day = new Date('2025-01-02T03:04:05Z')
  // Bodies a CDATA section and a JSON string must carry exactly: its terminator, quotes, an emoji, and nothing.
  const spec: FeedSpec = {
    title: 'Parts',
    description: 'Recent content',
    folder: '/parts/',
    entries: [
      { title: 'A', path: '/a/', published: day, updated: day, html: '<p>x ]]> y "q" \\ 🎉</p>' },
      { title: 'B', path: '/b/', published: day, updated: day, html: '' },
      { title: 'C', path: '/c/', published: day, updated: day, html: '<p>c</p>' },
    ],
  }

  it('keeps each item’s body a part of its own, so a large feed is never made as one string', () => {
    const site = getSiteFeed()
    for (const format of FORMATS) {
      const parts = [...renderFeedParts(site, format)]
      for (const entry of site.entries) expect(parts).toContain(format === 'json' ? JSON.stringify(entry.html) : entry.html)
      expect(Math.max(...parts.map((part) => part.length))).toBeLessThan(renderFeed(site, format).length / 2)
    }
  })

  it('carries every body exactly, however it ends a CDATA section or needs escaping in JSON', () => {
    const rss = asArray(xml.parse(renderFeed(spec, 'rss')).rss.channel.item)
    expect(rss.map((item) => item['content:encoded'] ?? '')).toEqual(spec.entries.map((entry) => entry.html))
    const atom = asArray(xml.parse(renderFeed(spec, 'atom')).feed.entry)
    expect(atom.map((entry) => (typeof entry.content === 'object' ? (entry.content['#text'] ?? '') : (entry.content ?? '')))).toEqual(
      spec.entries.map((entry) => entry.html),
    )
    const json = JSON.parse(renderFeed(spec, 'json')) as { items: { content_html: string }[] }
    expect(json.items.map((item) => item.content_html)).toEqual(spec.entries.map((entry) => entry.html))
  })

  it('writes no body element for an empty body, as feed does', () => {
    expect(renderFeed(spec, 'rss').match(/<content:encoded>/g)).toHaveLength(2)
    expect(renderFeed(spec, 'atom').match(/<content /g)).toHaveLength(2)
  })

  it('streams exactly the feed’s text, empty bodies included', async () => {
    for (const format of FORMATS) expect(await feedResponse(spec, format).text()).toBe(renderFeed(spec, format))
  })
})
