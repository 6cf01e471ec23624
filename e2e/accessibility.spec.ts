import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import { NODE_ONLY } from './servers'

const PAGES = [
  '/',
  '/2018/06/backpressure-in-practice-keeping-fast-producers-from-killing-slow-consumers/',
  '/tags/kafka/',
  '/tags/',
  '/posts/',
  '/2018/',
  '/no-such-page/',
  '/search/?q=kafka',
]

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme })

    for (const path of PAGES) {
      // Against one deployment: both serve the same bytes of out/ (e2e/lean.spec.ts and the header tests check
      // them), and axe judges the page, not its server. Each run takes seconds; twice was a quarter of the suite.
      test(`${path} has no axe violations`, { tag: NODE_ONLY }, async ({ page }) => {
        test.setTimeout(120_000) // axe walks every node of a long post: slow on a busy 2-core machine, not a failure
        await page.goto(path)
        if (path.startsWith('/search/')) await expect(page.getByRole('article').first()).toBeVisible({ timeout: 15_000 })
        const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze()
        expect(violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([])
      })
    }
  })
}

test('every page has one h1, the landmarks, a skip link and lang="en"', async ({ page }) => {
  for (const path of PAGES) {
    await page.goto(path)
    await expect(page.locator('h1'), path).toHaveCount(1)
    await expect(page.getByRole('banner'), path).toHaveCount(1)
    await expect(page.getByRole('main'), path).toHaveCount(1)
    await expect(page.getByRole('contentinfo'), path).toHaveCount(1)
    await expect(page.getByRole('navigation', { name: 'Site' }), path).toBeVisible()
    await expect(page.locator('html'), path).toHaveAttribute('lang', 'en')
  }
})

test('a keyboard alone reaches a post from the home page, with focus visible', async ({ page }) => {
  await page.goto('/')
  await page.keyboard.press('Tab')
  const skip = page.getByRole('link', { name: 'Skip to content' })
  await expect(skip).toBeFocused()
  await expect(skip).toBeVisible()
  await page.keyboard.press('Enter')
  // From the main landmark, the next Tab stops are the first post's title link.
  await page.keyboard.press('Tab')
  const first = page.getByRole('article').first().getByRole('heading').getByRole('link')
  await expect(first).toBeFocused()
  const outline = await first.evaluate((link) => getComputedStyle(link).outlineStyle)
  expect(outline).not.toBe('none')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Distributed Consistency Models/)
})
