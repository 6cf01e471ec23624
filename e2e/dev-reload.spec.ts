import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { DEV_PORT, NODE_ONLY } from './servers'

/** The dev loop on a scratch copy of the fixture site, so editing a post never touches real content. */
const ROOT = join(__dirname, '..')
const DEV_SITE = join(ROOT, '.fixture-dev')
const BASE = `http://127.0.0.1:${DEV_PORT}`

let devServer: ChildProcess | undefined

test.describe.configure({ mode: 'serial', timeout: 240_000 })

// The dev server is the same whichever deployment the other tests check: run it once, with the node project.

test.beforeAll(async ({}, testInfo) => {
  testInfo.setTimeout(240_000)
  const copy = spawnSync('node', [join(ROOT, 'scripts', 'fixture-site.mjs'), DEV_SITE, '--no-build'], { stdio: 'inherit' })
  expect(copy.status).toBe(0)
  devServer = spawn('node', ['scripts/dev.mjs', '-H', '127.0.0.1', '-p', String(DEV_PORT)], { cwd: DEV_SITE, stdio: 'ignore', detached: true })
  // The first request compiles the route; wait for it with a generous, bounded poll.
  for (let attempt = 0; attempt < 180; attempt++) {
    const status = await fetch(`${BASE}/2026/03/special-characters/`).then(
      (response) => response.status,
      () => 0,
    )
    if (status === 200) return
    await new Promise((resolve) => setTimeout(resolve, 1000))
  }
  throw new Error('the dev server did not serve the fixture post within 3 minutes')
})

test.afterAll(() => {
  // scripts/dev.mjs runs contentlayer2 dev and next dev: end the whole process group.
  if (devServer?.pid) process.kill(-devServer.pid, 'SIGTERM')
})

test(`the dev server shows drafts marked as drafts ${NODE_ONLY}`, async ({ page }) => {
  await page.goto(`${BASE}/2026/01/draft-okapiwrangler/`)
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Secret Draft Okapiwrangler')
  await expect(page.getByRole('heading', { level: 1 })).toContainText('(draft)')
})

test(`an edit to a post shows in the open page without a restart or a reload ${NODE_ONLY}`, async ({ page }) => {
  await page.goto(`${BASE}/2026/03/special-characters/`)
  await expect(page.getByRole('note')).toContainText('A callout with')
  const file = join(DEV_SITE, 'content', 'posts', 'special-characters.mdx')
  // Gone if the page were reloaded: the page is rendered again in place, keeping scroll and focus.
  await page.evaluate(() => Object.assign(window, { openedBeforeTheEdit: true }))
  writeFileSync(file, readFileSync(file, 'utf8').replace('A callout with', 'A freshly edited callout with'))
  // No page.reload(): the dev server tells the open page of contentlayer's new pass (lib/content-events.ts).
  await expect(page.getByRole('note')).toContainText('A freshly edited callout with', { timeout: 90_000 })
  expect(await page.evaluate(() => 'openedBeforeTheEdit' in window)).toBe(true)
})
