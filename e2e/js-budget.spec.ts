import { join } from 'node:path'
import { expect, test } from '@playwright/test'

type Row = { page: string; totalGzip: number; oursGzip: number; frameworkGzip: number }

test('no page type loads more than the framework’s runtime plus 10 KB gzipped of ours (search excepted)', async () => {
  // The production build the webServer just made, measured by the same script the README's figures come from.
  const { measurePageJs } = (await import(join(__dirname, '..', 'scripts', 'measure-js.mjs'))) as { measurePageJs: (dir: string) => Row[] }
  const rows = measurePageJs(join(__dirname, '..', '.next'))
  expect(rows.length).toBeGreaterThanOrEqual(9)
  for (const row of rows.filter((entry) => entry.page !== 'search')) {
    expect(row.oursGzip, row.page).toBeLessThanOrEqual(10 * 1024)
    expect(row.oursGzip, `${row.page}: the theme toggle is our only client code`).toBeGreaterThan(0)
  }
  // Every page shares one framework runtime: a page type that pulled in more would show up here.
  expect(new Set(rows.map((row) => row.frameworkGzip)).size).toBe(1)
})
