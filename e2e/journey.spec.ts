import { expect, test } from '@playwright/test'

test('home → post → tag page → the tag’s feed', async ({ page, request }) => {
  await page.goto('/')
  const first = page.getByRole('article').first()
  const title = await first.getByRole('heading').textContent()
  await first.getByRole('heading').getByRole('link').click()

  await expect(page).toHaveURL(/\/2025\/04\/distributed-consistency-models-what-your-service-actually-guarantees\/$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title!)
  await expect(page.locator('h1')).toHaveCount(1)
  await expect(page.locator('time[datetime="2025-04-16T13:12:00+00:00"]').first()).toHaveText('16 April 2025')
  await expect(page.getByText(/\d+ min read/)).toBeVisible()
  // The body: headings from MDX and code highlighted at build time, with no client script needed.
  await expect(page.locator('.prose h2').first()).toBeVisible()

  await page.getByRole('list', { name: 'Tags', exact: true }).getByRole('link', { name: '#Distributed-Systems' }).click()
  await expect(page).toHaveURL(/\/tags\/distributed-systems\/$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Distributed-Systems')
  // All 13 posts have the tag: the newest ten here, the rest on /tags/distributed-systems/page/2/.
  await expect(page.getByText('13 posts.')).toBeVisible()
  await expect(page.getByRole('article')).toHaveCount(10)

  const feedLink = page.getByRole('link', { name: 'RSS feed' })
  await expect(feedLink).toHaveAttribute('href', '/tags/distributed-systems/index.xml')
  const head = page.locator('head link[rel="alternate"][type="application/rss+xml"][href="https://blog.turboawesome.win/tags/distributed-systems/index.xml"]')
  await expect(head).toHaveCount(1)
  const feed = await request.get((await feedLink.getAttribute('href'))!)
  expect(feed.status()).toBe(200)
  expect(await feed.text()).toContain(`<title><![CDATA[${title}]]></title>`)
})

test('a post with code has it highlighted at build time and links to its neighbours', async ({ page }) => {
  await page.goto('/2018/06/backpressure-in-practice-keeping-fast-producers-from-killing-slow-consumers/')
  const code = page.locator('pre[data-language="go"]').first()
  await expect(code).toBeVisible()
  // Shiki colours each token; the colour arrives in the HTML, not from a script.
  expect(await code.locator('span[style*="--l:"]').count()).toBeGreaterThan(10)
  const color = await code
    .locator('span[style*="--l:"]')
    .first()
    .evaluate((span) => getComputedStyle(span).color)
  expect(color).not.toBe(await page.locator('body').evaluate((body) => getComputedStyle(body).color))

  const nav = page.getByRole('navigation', { name: 'More posts' })
  await expect(nav.getByRole('link', { name: /Previous post.*Distributed Transactions Are a Lie/ })).toHaveAttribute(
    'href',
    '/2018/01/distributed-transactions-are-a-lie-and-what-to-do-instead/',
  )
  await expect(nav.getByRole('link', { name: /Next post.*Event Sourcing in Financial Systems/ })).toHaveAttribute(
    'href',
    '/2018/07/event-sourcing-in-financial-systems-real-benefits-real-costs/',
  )
})

test('the home page lists 10 posts with date, description and tags, and pages on', async ({ page }) => {
  await page.goto('/')
  const articles = page.getByRole('article')
  await expect(articles).toHaveCount(10)
  const first = articles.first()
  await expect(first.locator('time')).toHaveAttribute('datetime', '2025-04-16T13:12:00+00:00')
  await expect(first.getByText(/^Linearisability, serializability/)).toBeVisible()
  await expect(first.getByRole('link', { name: '#Distributed-Systems' })).toHaveAttribute('href', '/tags/distributed-systems/')

  await page.getByRole('link', { name: 'Older posts →' }).click()
  await expect(page).toHaveURL(/\/page\/2\/$/)
  await expect(page.getByRole('article')).toHaveCount(3)
  await expect(page.getByRole('article').last().getByRole('heading')).toHaveText(/^Kafka in Finance/)
  await expect(page.getByRole('link', { name: 'Older posts →' })).toHaveCount(0)
  await page.getByRole('link', { name: '← Newer posts' }).click()
  await expect(page).toHaveURL(/\/$/)
})

test('the date listing groups posts by year and month', async ({ page }) => {
  await page.goto('/posts/')
  await expect(page.getByRole('heading', { level: 2 })).toHaveText(['2025', '2024', '2022', '2021', '2020', '2018', '2017'])
  await expect(page.getByRole('heading', { name: 'June 2018' })).toBeVisible()
  await page.getByRole('link', { name: '2018', exact: true }).click()
  await expect(page).toHaveURL(/\/2018\/$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Posts from 2018')
  await expect(page.getByRole('heading', { level: 2 })).toHaveText(['October 2018', 'July 2018', 'June 2018', 'January 2018'])
  await page.getByRole('link', { name: 'June 2018' }).click()
  await expect(page).toHaveURL(/\/2018\/06\/$/)
  await expect(page.getByRole('article')).toHaveCount(1)
})

test('the tag index lists every tag with its post count', async ({ page }) => {
  await page.goto('/tags/')
  await expect(page.getByRole('listitem').filter({ hasText: 'Distributed-Systems' })).toContainText('(13 posts)')
  await expect(page.getByRole('listitem').filter({ hasText: /^Kafka/ })).toContainText('(2 posts)')
  await page.getByRole('link', { name: 'Kafka', exact: true }).click()
  await expect(page).toHaveURL(/\/tags\/kafka\/$/)
  await expect(page.getByRole('article')).toHaveCount(2)
})
