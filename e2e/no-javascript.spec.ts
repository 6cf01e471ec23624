import { expect, test } from '@playwright/test'

test.use({ javaScriptEnabled: false })

test('without JavaScript a reader pages through the home page, reads a post and follows a tag', async ({ page }) => {
  await page.goto('/page/2/')
  await page.getByRole('link', { name: '← Newer posts' }).click()
  await expect(page).toHaveURL(/\/$/)
  await page.getByRole('article').nth(1).getByRole('heading').getByRole('link').click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Observability at Scale/)
  await expect(page.locator('.prose p').first()).toBeVisible()
  await page.getByRole('list', { name: 'Tags', exact: true }).getByRole('link', { name: '#Observability' }).click()
  await expect(page).toHaveURL(/\/tags\/observability\/$/)
  await expect(page.getByRole('article').first()).toBeVisible()
})
