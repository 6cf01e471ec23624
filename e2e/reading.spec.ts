import { expect, test } from '@playwright/test'

const POST = '/2018/06/backpressure-in-practice-keeping-fast-producers-from-killing-slow-consumers/'

test('a long post has a table of contents whose links reach its sections', async ({ page }) => {
  await page.goto(POST)
  const toc = page.getByRole('navigation', { name: 'Contents' })
  const links = toc.getByRole('link')
  expect(await links.count()).toBeGreaterThanOrEqual(3)
  const headings = await page.locator('.prose h2, .prose h3').count()
  expect(await links.count()).toBe(headings)
  await links.nth(1).click()
  const id = decodeURIComponent(new URL(page.url()).hash.slice(1))
  await expect(page.locator(`[id="${id}"]`)).toBeInViewport()
  // Each heading carries its own link anchor.
  await expect(page.locator(`[id="${id}"] a.heading-anchor`)).toHaveAttribute('href', `#${id}`)
})

test('a post lists up to three related posts by shared tags', async ({ page }) => {
  await page.goto(POST)
  const related = page.getByRole('region', { name: 'Related posts' })
  await expect(related.getByRole('article')).toHaveCount(3)
  // Backpressure shares distributed-systems, reliability and go: the cache post shares reliability too.
  await expect(related.getByRole('heading')).toContainText([/Cache Design as a Reliability Practice/])
  await expect(related.getByRole('link', { name: /Backpressure/ })).toHaveCount(0)
})

test('the theme follows the system, and the toggle’s choice persists without a flash', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' })
  await page.goto('/')
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor)
  expect(await background()).toBe('rgb(17, 20, 24)')
  await page.getByRole('button', { name: 'Switch to light theme' }).click()
  expect(await background()).toBe('rgb(255, 255, 255)')
  // Code follows the theme too.
  await page.goto(POST)
  const token = page.locator('pre span[style*="--l:"]').first()
  const lightColour = await token.evaluate((span) => getComputedStyle(span).color)
  expect(lightColour).toBe(
    await token.evaluate((span) => {
      const probe = document.createElement('span')
      probe.style.color = span.style.getPropertyValue('--l')
      document.body.append(probe)
      return getComputedStyle(probe).color
    }),
  )
  // On the next page load the stored choice is applied by the inline script in <head>, before the body paints.
  await page.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => {
      ;(window as unknown as { themeAtFirstParse: string | undefined }).themeAtFirstParse = document.documentElement.dataset.theme
    })
  })
  await page.reload()
  expect(await page.evaluate(() => (window as unknown as { themeAtFirstParse?: string }).themeAtFirstParse)).toBe('light')
  expect(await background()).toBe('rgb(255, 255, 255)')
})

test('on a 360 px phone nothing widens the page: code and tables scroll in their own boxes', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 })
  for (const path of [POST, '/2017/01/kafka-in-finance-what-exactly-once-actually-costs-you/', '/', '/posts/']) {
    await page.goto(path)
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    expect(overflow, path).toBeLessThanOrEqual(0)
  }
})

test('pages describe themselves to search engines and link previews', async ({ page, request }) => {
  await page.goto(POST)
  await expect(page).toHaveTitle(/^Backpressure in Practice: .* · Bits, Trades & Systems$/)
  await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /^Every system has components/)
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', `https://blog.turboawesome.win${POST}`)
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', /^Backpressure in Practice/)
  await expect(page.locator('meta[property="og:type"]')).toHaveAttribute('content', 'article')
  await expect(page.locator('meta[name="twitter:card"]')).toHaveAttribute('content', 'summary_large_image')
  const image = await page.locator('meta[property="og:image"]').getAttribute('content')
  const png = await request.get(new URL(image!).pathname)
  expect(png.headers()['content-type']).toBe('image/png')
  expect((await png.body()).subarray(1, 4).toString()).toBe('PNG')

  const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!)
  expect(jsonLd).toMatchObject({
    '@context': 'https://schema.org',
    '@type': 'BlogPosting',
    headline: 'Backpressure in Practice: Keeping Fast Producers from Killing Slow Consumers',
    datePublished: '2018-06-14T10:33:00.000Z',
    author: { name: 'Bits, Trades & Systems' },
    url: `https://blog.turboawesome.win${POST}`,
  })

  await page.goto('/')
  const home = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!)
  expect(home['@graph'].map((node: { '@type': string }) => node['@type'])).toEqual(['WebSite', 'Blog'])

  await page.goto('/tags/kafka/')
  await expect(page.locator('meta[property="og:image"]')).toHaveAttribute('content', 'https://blog.turboawesome.win/tags/kafka/og.png')
})

test('sitemap.xml lists every published page with lastmod, and robots.txt points to it', async ({ request }) => {
  const sitemap = await (await request.get('/sitemap.xml')).text()
  const urls = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map(([, url]) => new URL(url!).pathname)
  expect(urls).toContain(POST)
  expect(urls).toContain('/tags/kafka/')
  expect(urls).toContain('/2018/06/')
  expect(urls).toContain('/page/2/')
  expect(urls).toContain('/tags/distributed-systems/page/2/')
  expect(sitemap.match(/<lastmod>/g)?.length).toBe(urls.length)
  expect(await (await request.get('/robots.txt')).text()).toContain('Sitemap: https://blog.turboawesome.win/sitemap.xml')
})

test('a tag with more than ten posts pages its listing ten at a time, at Hugo’s URLs', async ({ page }) => {
  await page.goto('/tags/distributed-systems/')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Distributed-Systems')
  await expect(page.locator('.post-list > li')).toHaveCount(10)
  await expect(page.getByText('13 posts.')).toBeVisible()
  await page.getByRole('link', { name: 'Older posts →' }).click()
  await expect(page).toHaveURL(/\/tags\/distributed-systems\/page\/2\/$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Distributed-Systems: page 2')
  await expect(page.locator('.post-list > li')).toHaveCount(3)
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', 'https://blog.turboawesome.win/tags/distributed-systems/page/2/')
  await expect(page.getByRole('link', { name: 'Older posts →' })).toHaveCount(0)
  await page.getByRole('link', { name: '← Newer posts' }).click()
  await expect(page).toHaveURL(/\/tags\/distributed-systems\/$/)
})

test('a post prints as an article, without the site’s navigation', async ({ page }) => {
  await page.goto(POST)
  await page.emulateMedia({ media: 'print' })
  await expect(page.getByRole('navigation', { name: 'Site' })).toBeHidden()
  await expect(page.getByRole('navigation', { name: 'More posts' })).toBeHidden()
  await expect(page.getByRole('contentinfo')).toBeHidden()
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  await expect(page.locator('.prose pre').first()).toBeVisible()
})
