import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { checkUrls, formatFailure, readUrlSource } from '../lib/check-urls'

/**
 * Every URL Hugo writes for our own posts (e2e/fixtures/hugo/our-site-urls.txt, made with Debian's hugo 0.111.3
 * from the bench's Hugo site) still answers: 200, or a permanent redirect to a 200, as `npm run check-urls` asks.
 */
test('every URL Hugo writes for our posts answers, as check-urls asks', async ({ baseURL }) => {
  const paths = readUrlSource(join(__dirname, 'fixtures', 'hugo', 'our-site-urls.txt'))
  expect(paths.length).toBeGreaterThan(50)
  const results = await checkUrls(paths, new URL(baseURL!))
  expect(results.filter((result) => !result.ok).map(formatFailure)).toEqual([])
  // Hugo's pager aliases are among them, and answer as redirects, not as copies of the page.
  expect(results.find((result) => result.path === '/page/1/')?.chain).toEqual(['/page/1/', '301 /'])
})
