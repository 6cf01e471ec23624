import { expect, test } from '@playwright/test'

const FEEDS = [
  ['/index.xml', 'application/rss+xml; charset=utf-8'],
  ['/atom.xml', 'application/atom+xml; charset=utf-8'],
  ['/feed.json', 'application/feed+json; charset=utf-8'],
  ['/posts/index.xml', 'application/rss+xml; charset=utf-8'],
  ['/posts/atom.xml', 'application/atom+xml; charset=utf-8'],
  ['/posts/feed.json', 'application/feed+json; charset=utf-8'],
  ['/tags/index.xml', 'application/rss+xml; charset=utf-8'],
  ['/tags/kafka/index.xml', 'application/rss+xml; charset=utf-8'],
  ['/tags/kafka/atom.xml', 'application/atom+xml; charset=utf-8'],
  ['/tags/kafka/feed.json', 'application/feed+json; charset=utf-8'],
] as const

for (const [path, contentType] of FEEDS) {
  test(`${path}: type, validators, cache policy, 304 and HEAD`, async ({ request }) => {
    const first = await request.get(path)
    expect(first.status()).toBe(200)
    const headers = first.headers()
    expect(headers['content-type']).toBe(contentType)
    expect(headers['etag']).toMatch(/^(W\/)?"[\w-]+"$/)
    expect(Number.isNaN(Date.parse(headers['last-modified']!))).toBe(false)
    expect(headers['cache-control']).toMatch(/max-age=\d+/)
    expect(headers['cache-control']).toMatch(/s-maxage=\d+/)
    expect(headers['cache-control']).toMatch(/stale-while-revalidate=\d+/)
    const body = await first.body()
    expect(body.length).toBeGreaterThan(200)

    const byEtag = await request.get(path, { headers: { 'If-None-Match': headers['etag']! } })
    expect(byEtag.status()).toBe(304)
    expect((await byEtag.body()).length).toBe(0)

    const byDate = await request.get(path, { headers: { 'If-Modified-Since': headers['last-modified']! } })
    expect(byDate.status()).toBe(304)

    const stale = await request.get(path, { headers: { 'If-None-Match': '"something-else"' } })
    expect(stale.status()).toBe(200)
    expect((await stale.body()).equals(body)).toBe(true)

    const older = new Date(Date.parse(headers['last-modified']!) - 86_400_000).toUTCString()
    expect((await request.get(path, { headers: { 'If-Modified-Since': older } })).status()).toBe(200)

    const head = await request.head(path)
    expect(head.status()).toBe(200)
    expect(head.headers()['etag']).toBe(headers['etag'])
    expect(head.headers()['content-type']).toBe(contentType)
    expect((await head.body()).length).toBe(0)
  })
}

test('query strings do not change a feed', async ({ request }) => {
  const plain = await (await request.get('/tags/kafka/index.xml')).text()
  expect(await (await request.get('/tags/kafka/index.xml?utm_source=reader&x=%3C')).text()).toBe(plain)
})

test('a browser navigating to a feed gets the same bytes labelled as XML, so the XSL view applies', async ({ request }) => {
  const reader = await request.get('/tags/kafka/index.xml', { headers: { Accept: 'application/rss+xml, application/xml;q=0.9, */*;q=0.8' } })
  const browser = await request.get('/tags/kafka/index.xml', {
    headers: { Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' },
  })
  expect(reader.headers()['content-type']).toBe('application/rss+xml; charset=utf-8')
  expect(browser.headers()['content-type']).toBe('application/xml; charset=utf-8')
  expect(browser.headers()['vary']).toMatch(/Accept(,|$)/)
  expect((await browser.body()).equals(await reader.body())).toBe(true)
  expect(await reader.text()).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?><\?xml-stylesheet href="\/feed.xsl" type="text\/xsl"\?>/)
})
