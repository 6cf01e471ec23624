import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { XMLParser } from 'fast-xml-parser'

/** The live Hugo site's feed for distributed-systems, as Hugo wrote it: what existing subscribers have. */
const SEED = join(__dirname, 'fixtures', 'hugo', 'distributed-systems-feed.xml')

// Values only: CDATA and escaped text parse to the same string; attributes kept for atom:link and guid.
// htmlEntities: numeric character references such as &#39; are XML too, and must decode exactly once.
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, trimValues: true, htmlEntities: true })

type Channel = Record<string, unknown> & { item: Record<string, unknown>[] }

function parseChannel(text: string): Channel {
  const channel = parser.parse(text).rss.channel
  return { ...channel, item: Array.isArray(channel.item) ? channel.item : [channel.item] }
}

/** RFC 822 dates compared as instants: "GMT" and "+0000" are the same. */
const instant = (value: unknown) => new Date(String(value)).toISOString()
const guidText = (guid: unknown) => (typeof guid === 'object' && guid !== null ? (guid as Record<string, string>)['#text'] : guid)

test('the distributed-systems feed matches the live Hugo feed, channel and items', async ({ request }) => {
  const response = await request.get('/tags/distributed-systems/index.xml')
  expect(response.status()).toBe(200)
  expect(response.headers()['content-type']).toBe('application/rss+xml; charset=utf-8')
  const ours = parseChannel(await response.text())
  const seed = parseChannel(readFileSync(SEED, 'utf8'))

  for (const field of ['title', 'link', 'description', 'language', 'atom:link'] as const) {
    expect(ours[field], `channel <${field}>`).toEqual(seed[field])
  }
  expect(instant(ours.lastBuildDate)).toBe(instant(seed.lastBuildDate))
  // Nothing missing beyond the generator; `docs` is the only element we add (feed always writes it).
  const seedFields = Object.keys(seed).filter((name) => name !== 'generator')
  expect(
    Object.keys(ours)
      .filter((name) => name !== 'docs')
      .sort(),
  ).toEqual(seedFields.sort())

  expect(ours.item).toHaveLength(seed.item.length)
  expect(seed.item).toHaveLength(13)
  seed.item.forEach((seedItem, index) => {
    const item = ours.item[index]!
    const where = `item ${index + 1} (${String(seedItem.title)})`
    expect(item.title, `${where} title`).toBe(seedItem.title)
    expect(item.link, `${where} link`).toBe(seedItem.link)
    expect(guidText(item.guid), `${where} guid`).toBe(guidText(seedItem.guid))
    // Hugo's <guid> has no isPermaLink, so the default (true) applies; ours must not say false.
    expect((item.guid as Record<string, string>)['@isPermaLink'] ?? 'true', `${where} isPermaLink`).toBe('true')
    expect(instant(item.pubDate), `${where} pubDate`).toBe(instant(seedItem.pubDate))
    expect(item.description, `${where} description`).toBe(seedItem.description)
  })
})

test('every tag feed is RSS 2.0 with the tag page’s posts, newest first', async ({ page, request }) => {
  await page.goto('/tags/go/')
  const pageLinks = await page
    .getByRole('article')
    .getByRole('heading')
    .getByRole('link')
    .evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname))
  expect(pageLinks.length).toBeGreaterThan(0)

  const response = await request.get('/tags/go/index.xml')
  expect(response.headers()['content-type']).toBe('application/rss+xml; charset=utf-8')
  const channel = parseChannel(await response.text())
  expect(channel.title).toBe('Go on Bits, Trades & Systems')
  expect(channel.item.map((item) => new URL(String(item.link)).pathname)).toEqual(pageLinks)
  const dates = channel.item.map((item) => Date.parse(String(item.pubDate)))
  expect([...dates].sort((a, b) => b - a)).toEqual(dates)
})

test('the site feeds list every post', async ({ request }) => {
  for (const path of ['/index.xml', '/posts/index.xml']) {
    const response = await request.get(path)
    expect(response.headers()['content-type']).toBe('application/rss+xml; charset=utf-8')
    const channel = parseChannel(await response.text())
    expect(channel.item, path).toHaveLength(13)
  }
})

test('a feed for an unknown tag is a 404, not a 500', async ({ request }) => {
  const response = await request.get('/tags/no-such-tag/index.xml')
  expect(response.status()).toBe(404)
})
