import { expect, test } from '@playwright/test'

const MISSING = [
  '/tags/no-such-tag/',
  '/tags/no-such-tag/index.xml',
  '/1999/',
  '/2025/13/',
  '/2025/04/no-such-post/',
  '/2024/04/distributed-consistency-models-what-your-service-actually-guarantees/',
  '/page/99/',
  '/tags/distributed-systems/page/3/',
  '/tags/kafka/page/2/',
  '/no/such/path/at/all/',
]

for (const path of MISSING) {
  test(`${path} is a 404 with a page that leads back`, async ({ page }) => {
    const response = await page.goto(path)
    expect(response?.status()).toBe(404)
    if (!path.endsWith('.xml')) {
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found')
      await expect(page.getByRole('link', { name: 'Every post, by date' })).toHaveAttribute('href', '/posts/')
    }
  })
}
