import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'

/**
 * Hugo's old URLs for our listings keep answering: the first page of each pager (Hugo writes /page/1/ as an
 * alias of the listing itself) and the posts section's pager, which lists the same posts as our home pages.
 */
const REDIRECTS: [string, string][] = [
  ['/page/1/', '/'],
  ['/page/1', '/'],
  ['/posts/page/1/', '/posts/'],
  ['/posts/page/2/', '/page/2/'],
  ['/tags/go/page/1/', '/tags/go/'],
  ['/tags/distributed-systems/page/1/', '/tags/distributed-systems/'],
]

for (const [from, to] of REDIRECTS) {
  test(`${from} is a permanent redirect to ${to}, which answers`, async ({ request }) => {
    const response = await request.get(from, { maxRedirects: 0 })
    expect(response.status()).toBe(301)
    expect(response.headers()['location']).toBe(to)
    expect(response.headers()['cache-control']).toBe('public, max-age=3600')
    expect((await request.get(to)).status()).toBe(200)
  })
}

test('a static host without redirects finds an alias page at each old URL', () => {
  const out = join(__dirname, '..', 'out')
  for (const [from, to] of REDIRECTS.filter(([path]) => path.endsWith('/'))) {
    const file = join(out, from, 'index.html')
    expect(existsSync(file), file).toBe(true)
    expect(readFileSync(file, 'utf8')).toContain(`<meta http-equiv="refresh" content="0; url=${to}">`)
  }
})

test('a post past the last page of the posts section is a 404', async ({ request }) => {
  expect((await request.get('/posts/page/3/', { maxRedirects: 0 })).status()).toBe(404)
})
