import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { checkUrls, formatFailure, readUrlSource } from '../../lib/check-urls'

/**
 * Import -> build -> every old URL answers. scripts/fixture-site.mjs imports e2e/fixtures/hugo-site into the
 * fixture site before its one build, and leaves the importer's report and --urls list beside it; Hugo's own list
 * of the URLs it wrote for that site is e2e/fixtures/hugo-site-urls.txt (hugo 0.111.3).
 */
const FIXTURE_SITE = join(__dirname, '..', '..', '.fixture-site')
const HUGO_URLS = readUrlSource(join(__dirname, '..', 'fixtures', 'hugo-site-urls.txt'))
const REPORT = readFileSync(join(FIXTURE_SITE, 'hugo-import-report.txt'), 'utf8')
const LIST = readFileSync(join(FIXTURE_SITE, 'hugo-import-urls.txt'), 'utf8').split('\n')

/** "old new" lines: the imported posts, published. */
const POSTS = LIST.flatMap((line) => {
  const match = /^(\/\S*) (\/\S*)$/.exec(line)
  return match ? [{ old: match[1]!, url: match[2]! }] : []
})
/** "# old new (a draft: not published)": imported, but a draft, as it was in Hugo. */
const DRAFTS = LIST.flatMap((line) => /^# (\/\S*) (\/\S*) \(a draft: not published\)$/.exec(line)?.[2] ?? [])
/** "old # not imported: file": the old URLs of the pages the import left out, by page. */
const NOT_IMPORTED = new Map(
  LIST.flatMap((line) => {
    const match = /^(\/\S*) # not imported: (\S+)$/.exec(line)
    return match ? [[match[1]!, match[2]!] as const] : []
  }),
)
/** "old new # redirect": what the import appended to content/redirects.txt. */
const REDIRECTS = LIST.flatMap((line) => /^(\/\S*) (\/\S*) # redirect$/.exec(line)?.[1] ?? [])

test('every URL Hugo wrote for the site answers, except those of the pages the import lists as not imported', async ({ baseURL }) => {
  expect(REPORT).toMatch(/^Summary: \d+ imported, \d+ imported with notes, 0 skipped; \d+ page\(s\) not posts$/m)
  const results = await checkUrls(HUGO_URLS, new URL(baseURL!))
  const failures = results.filter((result) => !result.ok)
  const expected = HUGO_URLS.filter((url) => NOT_IMPORTED.has(url))
  expect(expected.length).toBeGreaterThan(0)
  expect(failures.map((failure) => failure.path)).toEqual(expected)
  // Each is a plain 404 at the old URL itself, not a redirect that leads nowhere.
  for (const failure of failures) expect(formatFailure(failure)).toBe(`${failure.path}: answered 404`)
  // And the report names each of those pages as not imported.
  for (const file of new Set(NOT_IMPORTED.values())) expect(REPORT).toMatch(new RegExp(`^  ${file.replace(/[.]/g, '\\.')}: .*will not answer$`, 'm'))
})

test('every redirect the import wrote answers, Hugo’s list or not', async ({ baseURL }) => {
  expect(REDIRECTS.length).toBeGreaterThan(10)
  const results = await checkUrls(REDIRECTS, new URL(baseURL!))
  expect(results.filter((result) => !result.ok).map(formatFailure)).toEqual([])
  expect(results.every((result) => result.chain.length === 2)).toBe(true)
})

test('each imported post answers at its new URL, and its old URL is a permanent redirect there', async ({ request }) => {
  const [, imported, withNotes] = /^Summary: (\d+) imported, (\d+) imported with notes/m.exec(REPORT)!
  expect(POSTS.length + DRAFTS.length).toBe(Number(imported) + Number(withNotes))
  expect(POSTS.length).toBeGreaterThan(4)
  for (const { old, url } of POSTS) {
    expect((await request.get(url, { maxRedirects: 0 })).status(), url).toBe(200)
    const response = await request.get(old, { maxRedirects: 0 })
    expect(response.status(), old).toBe(301)
    expect(response.headers()['location'], old).toBe(url)
  }
  // A draft stays unpublished, as Hugo left it.
  for (const url of DRAFTS) expect((await request.get(url, { maxRedirects: 0 })).status(), url).toBe(404)
})
