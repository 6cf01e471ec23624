import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { parseFeed } from '@rowanmanning/feed-parser'
import { XMLParser } from 'fast-xml-parser'

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' })
const asArray = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value])

/** Every feed the built site serves: site, posts section, tags list, and each tag's three formats. */
async function listFeeds(request: import('@playwright/test').APIRequestContext): Promise<string[]> {
  const tags = asArray(xml.parse(await (await request.get('/tags/index.xml')).text()).rss.channel.item).map(
    (item: { link: string }) => new URL(item.link).pathname,
  )
  const folders = ['/', '/posts/', ...tags]
  return ['/tags/index.xml', ...folders.flatMap((folder) => ['index.xml', 'atom.xml', 'feed.json'].map((file) => folder + file))]
}

test('every feed parses, has the model’s item count, and only absolute URLs in its content', async ({ request }) => {
  const feeds = await listFeeds(request)
  expect(feeds.length).toBeGreaterThan(20)
  const postCount = asArray(xml.parse(await (await request.get('/index.xml')).text()).rss.channel.item).length
  for (const path of feeds) {
    const text = await (await request.get(path)).text()
    const items = path.endsWith('.json')
      ? (JSON.parse(text).items as { content_html?: string; id: string }[]).map((item) => ({ content: item.content_html, id: item.id }))
      : parseFeed(text).items.map((item) => ({ content: item.content, id: item.id }))
    if (path.startsWith('/tags/') && path !== '/tags/index.xml') {
      // The tag page says how many posts the tag has (it lists them ten a page).
      const page = await (await request.get(path.replace(/[^/]+$/, ''))).text()
      expect(items.length, path).toBe(Number(/(\d+) posts?\./.exec(page)?.[1]))
    } else if (path !== '/tags/index.xml') {
      expect(items.length, path).toBe(postCount)
    }
    for (const item of items) {
      expect(item.id, path).toMatch(/^https:\/\/blog\.turboawesome\.win\//)
      for (const [, url] of (item.content ?? '').matchAll(/\s(?:href|src)="([^"]*)"/g)) {
        expect(url, `${path} ${item.id}`).toMatch(/^(https?:|mailto:)/)
      }
      expect(item.content ?? '', path).not.toMatch(/<script|\son[a-z]+=/i)
    }
  }
})

test('GUIDs are forever: every published permalink and GUID is the committed one', async ({ request }) => {
  const committed = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'guids.json'), 'utf8'))
  const items = asArray(xml.parse(await (await request.get('/index.xml')).text()).rss.channel.item).map(
    (item: { link: string; guid: { '#text': string } }) => ({ permalink: item.link, guid: item.guid['#text'] }),
  )
  // A new post is added to e2e/fixtures/guids.json on purpose; a changed one fails here.
  expect(items).toEqual(committed)
})

test('a feed item carries the same body the post page shows', async ({ page, request }) => {
  const path = '/2018/06/backpressure-in-practice-keeping-fast-producers-from-killing-slow-consumers/'
  const feed = JSON.parse(await (await request.get('/feed.json')).text())
  const item = feed.items.find((entry: { url: string }) => entry.url.endsWith(path))
  expect(item.content_html).toContain('<pre')
  await page.goto(path)
  const pageText = await page.locator('.prose').evaluate((prose) => {
    const copy = prose.cloneNode(true) as HTMLElement
    copy.querySelectorAll('.heading-anchor').forEach((anchor) => anchor.remove())
    return copy.textContent
  })
  const feedText = await page.evaluate((html) => {
    const holder = document.createElement('div')
    holder.innerHTML = html
    return holder.textContent
  }, item.content_html)
  expect(feedText).toBe(pageText)
})

test('every autodiscovery link resolves to a feed of the declared type', async ({ page, request }) => {
  const pages = ['/', '/tags/kafka/', '/2017/01/kafka-in-finance-what-exactly-once-actually-costs-you/', '/posts/']
  const expected: Record<string, string[]> = {
    '/': ['/index.xml', '/atom.xml', '/feed.json'],
    '/tags/kafka/': ['/tags/kafka/index.xml', '/tags/kafka/atom.xml', '/tags/kafka/feed.json'],
    '/2017/01/kafka-in-finance-what-exactly-once-actually-costs-you/': ['/tags/finance/feed.json', '/tags/kafka/atom.xml'],
    '/posts/': ['/posts/index.xml'],
  }
  for (const path of pages) {
    await page.goto(path)
    const links = await page
      .locator('head link[rel="alternate"][type]')
      .evaluateAll((elements) => elements.map((element) => ({ href: (element as HTMLLinkElement).href, type: element.getAttribute('type')! })))
    const paths = links.map((link) => new URL(link.href).pathname)
    for (const feed of [...expected[path]!, '/index.xml', '/atom.xml', '/feed.json']) expect(paths, path).toContain(feed)
    for (const link of links) {
      const response = await request.get(new URL(link.href).pathname)
      expect(response.status(), link.href).toBe(200)
      expect(response.headers()['content-type'], link.href).toBe(`${link.type}; charset=utf-8`)
    }
  }
})

test('the footer and tag pages show visible subscribe links', async ({ page }) => {
  await page.goto('/tags/kafka/')
  await expect(page.getByRole('link', { name: 'RSS feed' })).toHaveAttribute('href', '/tags/kafka/index.xml')
  await expect(page.getByRole('link', { name: 'Atom' }).first()).toHaveAttribute('href', '/tags/kafka/atom.xml')
  const footer = page.getByRole('contentinfo')
  await expect(footer.getByRole('link', { name: 'JSON Feed' })).toHaveAttribute('href', '/feed.json')
})

test('a feed opened in the browser is a readable page with its items', async ({ page }) => {
  await page.goto('/tags/kafka/index.xml')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kafka on Bits, Trades & Systems')
  await expect(page.getByText('This is a web feed')).toBeVisible()
  await expect(page.locator('#feed-url')).toHaveText('https://blog.turboawesome.win/tags/kafka/index.xml')
  await expect(page.getByRole('link', { name: /Kafka in Finance: What 'Exactly Once' Actually Costs You/ })).toBeVisible()

  await page.goto('/atom.xml')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bits, Trades & Systems')
  await expect(page.locator('ol.items li')).toHaveCount(13)
  await expect(page.getByRole('link', { name: "Observability at Scale: What 'Good' Looks Like When You Have Too Much Data" })).toBeVisible()
})
