import { expect, test } from '@playwright/test'

test('search finds posts by words in their body, with title, date and excerpt', async ({ page }) => {
  await page.goto('/search/')
  await page.getByRole('searchbox', { name: 'Search the posts' }).fill('backpressure')
  const results = page.getByRole('article')
  await expect(results.first()).toBeVisible({ timeout: 15_000 })
  await expect(results.first().getByRole('heading')).toHaveText(/Backpressure in Practice/)
  await expect(results.first().locator('.post-meta')).toHaveText('14 June 2018')
  await expect(results.first().locator('mark').first()).toHaveText(/backpressure/i)
  await expect(page).toHaveURL(/\?q=backpressure$/)

  await page.getByRole('searchbox').fill('linearisability')
  await expect(results.first().getByRole('heading')).toHaveText(/Distributed Consistency Models/, { timeout: 15_000 })
  await results.first().getByRole('link').click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Distributed Consistency Models/)
})

test('a search link with ?q= opens with results', async ({ page }) => {
  await page.goto('/search/?q=MiFID')
  await expect(page.getByRole('article').first().getByRole('heading')).toHaveText(/MiFID II/, { timeout: 15_000 })
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('the search page says it needs JavaScript and links to the tag and date listings', async ({ page }) => {
    await page.goto('/search/')
    await expect(page.getByText('Search runs in your browser and needs JavaScript')).toBeVisible()
    await expect(page.getByRole('link', { name: 'every tag' })).toHaveAttribute('href', '/tags/')
    await expect(page.getByRole('link', { name: 'every post by date' })).toHaveAttribute('href', '/posts/')
    await expect(page.getByRole('searchbox')).toHaveCount(0)
  })
})
