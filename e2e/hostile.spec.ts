import { expect, test } from '@playwright/test'
import { sendRaw } from './raw-http'

/**
 * Hostile and malformed requests: never a 5xx, never a file from outside the site, never a redirect off it.
 * Each row names the status of each deployment. Both serve out/ and resolve dot segments alike (one that
 * climbs above the site, an encoded slash or a NUL is a 400); they differ only where the layer that answers
 * differs: Node refuses a request head over 16 KB (431) where nginx measures the request line against 8 KB
 * (414), and server.mjs refuses a path that is not valid UTF-8 (400) where nginx looks for the file (404).
 */
type Row = { name: string; target: string; method?: string; headers?: Record<string, string>; body?: string; node: number; static: number }

const LONG_SEGMENT = 'a'.repeat(7_000)
const ROWS: Row[] = [
  { name: 'encoded traversal in a tag feed', target: '/tags/..%2f..%2fetc%2fpasswd/index.xml', node: 400, static: 400 },
  { name: 'double-encoded traversal in a tag feed', target: '/tags/..%252f..%252fetc%252fpasswd/index.xml', node: 404, static: 404 },
  { name: 'raw dot segments', target: '/../../etc/passwd', node: 400, static: 400 },
  { name: 'encoded dot segments', target: '/%2e%2e/%2e%2e/etc/passwd', node: 400, static: 400 },
  { name: 'encoded traversal out of the assets', target: '/_next/static/..%2f..%2f..%2fpackage.json', node: 400, static: 400 },
  { name: 'dot segments out of the assets', target: '/_next/static/../../package.json', node: 404, static: 404 },
  { name: 'the build folder', target: '/.next/BUILD_ID', node: 404, static: 404 },
  { name: 'a dotfile', target: '/.env', node: 404, static: 404 },
  { name: 'the server source', target: '/server.mjs', node: 404, static: 404 },
  { name: 'truncated percent-encoding', target: '/%E0%A4%A/', node: 400, static: 400 },
  { name: 'a lone percent sign', target: '/%/', node: 400, static: 400 },
  { name: 'invalid UTF-8 in a tag', target: '/tags/%ff/', node: 400, static: 404 },
  { name: 'invalid UTF-8 in a tag feed', target: '/tags/%ff/index.xml', node: 400, static: 404 },
  { name: 'overlong UTF-8 dots', target: '/tags/%c0%ae%c0%ae/', node: 400, static: 404 },
  { name: 'an encoded NUL', target: '/a%00b/', node: 400, static: 400 },
  { name: 'a 7 KB path', target: `/${LONG_SEGMENT}/`, node: 404, static: 404 },
  { name: 'a 20 KB path', target: `/${'a'.repeat(20_000)}/`, node: 431, static: 414 },
  { name: 'a 20 KB header', target: '/', headers: { 'X-Padding': 'b'.repeat(20_000) }, node: 431, static: 400 },
  { name: 'POST to a page', target: '/', method: 'POST', body: 'a=1', node: 405, static: 405 },
  {
    name: 'POST a server action',
    target: '/',
    method: 'POST',
    headers: { 'Next-Action': 'x', 'Content-Type': 'text/plain' },
    body: '[]',
    node: 405,
    static: 405,
  },
  { name: 'PUT to a feed', target: '/index.xml', method: 'PUT', body: '<rss/>', node: 405, static: 405 },
  { name: 'DELETE a tag page', target: '/tags/go/', method: 'DELETE', node: 405, static: 405 },
  { name: 'PATCH a missing page', target: '/no/such/page/', method: 'PATCH', node: 405, static: 405 },
  { name: 'POST to a JSON feed', target: '/tags/kafka/feed.json', method: 'POST', body: '{}', node: 405, static: 405 },
  { name: 'OPTIONS', target: '/', method: 'OPTIONS', node: 405, static: 405 },
  { name: 'TRACE', target: '/', method: 'TRACE', node: 405, static: 405 },
  { name: 'Accept: application/json on a page', target: '/tags/go/', headers: { Accept: 'application/json' }, node: 200, static: 200 },
  { name: 'Accept refusing everything', target: '/', headers: { Accept: '*/*;q=0' }, node: 200, static: 200 },
  { name: 'a 4 KB Accept header', target: '/index.xml', headers: { Accept: 'x/y;q=0.1, '.repeat(400) }, node: 200, static: 200 },
  { name: 'Accept: image/* on a feed', target: '/atom.xml', headers: { Accept: 'image/*' }, node: 200, static: 200 },
  { name: 'an RSC request without its cache-busting parameter', target: '/tags/go/', headers: { RSC: '1' }, node: 200, static: 200 },
  { name: 'a forged Next-Action on GET', target: '/', headers: { 'Next-Action': 'deadbeef' }, node: 200, static: 200 },
  { name: 'a foreign Host header', target: '/', headers: { Host: 'evil.example' }, node: 200, static: 200 },
  { name: 'a protocol-relative path', target: '//evil.example/', node: 404, static: 404 },
  { name: 'a backslash path', target: '/\\evil.example/', node: 404, static: 404 },
  { name: 'the image optimiser with a foreign URL', target: '/_next/image?url=https%3A%2F%2Fevil.example%2Fx.png&w=64&q=75', node: 404, static: 404 },
]

for (const row of ROWS) {
  test(`hostile request: ${row.name}`, async ({ baseURL }, testInfo) => {
    const expected = testInfo.project.name === 'static' ? row.static : row.node
    const response = await sendRaw(baseURL!, row)
    expect(response.status, `${row.method ?? 'GET'} ${row.target.slice(0, 80)}`).toBe(expected)
    expect(response.headers['x-content-type-options'], 'security headers even on errors').toBe('nosniff')
    const body = response.body.toString('latin1')
    expect(body, 'no file from outside the site').not.toMatch(/root:x:0:0|"name": "bits-trades-systems"/)
    if (row.headers?.Host) expect(body, 'links are built from SITE_URL, never from Host').not.toContain('evil.example')
    const location = response.headers['location']
    if (location !== undefined) {
      // Same site only: a path, never "//host" or a backslash that a browser reads as another host.
      expect(location).toMatch(/^\/(?![/\\])/)
    }
    if (expected === 405) expect(response.headers['allow']).toBe('GET, HEAD')
  })
}

test('a query string never changes a feed', async ({ request }) => {
  for (const path of ['/index.xml', '/tags/kafka/atom.xml', '/feed.json']) {
    const plain = await (await request.get(path)).body()
    for (const query of ['?utm_source=reader', '?_rsc=abc', '?x=%3Cscript%3E', `?${'q=1&'.repeat(500)}`]) {
      const response = await request.get(path + query)
      expect(response.status(), path + query.slice(0, 40)).toBe(200)
      expect((await response.body()).equals(plain), path + query.slice(0, 40)).toBe(true)
    }
  }
})
