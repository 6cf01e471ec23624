import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { expect, test } from '@playwright/test'
import { NODE_ONLY, NODE_URL, STATIC_URL } from './servers'

/**
 * `npm start` and nginx serve the same out/ by the same table of rules (lib/http-rules.mjs): the same URLs,
 * byte-identical bodies in every encoding, and the same headers. One test reads both deployments, so each
 * runs once, in the node project.
 */
const SITE_URL = 'https://blog.turboawesome.win'
const OUT = join(__dirname, '..', 'out')

type Fetched = { status: number; type: string; body: Buffer; headers: Headers }

async function fetchFrom(base: string, path: string, headers: Record<string, string> = {}): Promise<Fetched> {
  const response = await fetch(base + path, { redirect: 'manual', headers: { 'Accept-Encoding': 'identity', ...headers } })
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    body: Buffer.from(await response.arrayBuffer()),
    headers: response.headers,
  }
}

/** Site paths a document links to (href and src), without queries or fragments. */
function readLinks(text: string): string[] {
  return [...text.matchAll(/\s(?:href|src)="([^"]+)"/g)]
    .map(([, url]) => url!.replaceAll('&amp;', '&'))
    .map((url) => (url.startsWith(SITE_URL) ? url.slice(SITE_URL.length) || '/' : url))
    .filter((url) => url.startsWith('/') && !url.startsWith('//'))
    .map((url) => url.replace(/[?#].*$/, ''))
}

/** Every path reachable from the home page, the sitemap and the other well-known files, with its response. */
async function crawl(base: string): Promise<Map<string, Fetched>> {
  const found = new Map<string, Fetched>()
  const queue = ['/', '/sitemap.xml', '/robots.txt', '/tags/index.xml']
  while (queue.length > 0) {
    const batch = queue.splice(0, 8).filter((path) => !found.has(path))
    const responses = await Promise.all(batch.map((path) => fetchFrom(base, path)))
    batch.forEach((path, index) => found.set(path, responses[index]!))
    for (const response of responses) {
      if (!/html|xml|json|css/.test(response.type)) continue
      const text = response.body.toString('utf8')
      const locs = [...text.matchAll(/<loc>([^<]+)<\/loc>/g)].map(([, loc]) => loc!.slice(SITE_URL.length))
      for (const path of [...readLinks(text), ...locs]) if (!found.has(path) && !queue.includes(path)) queue.push(path)
    }
  }
  return found
}

/** The files of out/ as the paths that serve them, without the compressed copies, the data for hosts and the alias pages (both servers redirect there). */
function listServedPaths(): string[] {
  const redirected = new Set(
    readFileSync(join(OUT, '_redirects'), 'utf8')
      .split('\n')
      .map((line) => line.split(' ')[0]),
  )
  const walk = (folder: string): string[] =>
    readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? walk(join(folder, entry.name)) : [relative(OUT, join(folder, entry.name)).split(sep).join('/')],
    )
  return walk(OUT)
    .filter((file) => !/\.(br|gz)$/.test(file) && !['_headers', '_redirects', '404.html'].includes(file))
    .map((file) => `/${file}`.replace(/(^|\/)index\.html$/, '$1'))
    .filter((path) => !redirected.has(path))
    .sort()
}

/** Headers that say when or through which connection, not what: the rest must be equal. */
const PER_CONNECTION = new Set(['date', 'server', 'connection', 'keep-alive', 'accept-ranges', 'transfer-encoding'])

function comparableHeaders(headers: Headers): Record<string, string> {
  return Object.fromEntries([...headers.entries()].filter(([name]) => !PER_CONNECTION.has(name)).sort(([a], [b]) => a.localeCompare(b)))
}

test('both deployments serve the same URLs and every file byte for byte', { tag: NODE_ONLY }, async () => {
  const [node, nginx] = await Promise.all([crawl(NODE_URL), crawl(STATIC_URL)])
  const linked = [...node.keys()].sort()
  expect(linked.length).toBeGreaterThan(60)
  expect([...nginx.keys()].sort()).toEqual(linked)
  // The export also holds files no page links to as such (the search index, share images named in <meta content>).
  const paths = listServedPaths()
  for (const path of linked.filter((path) => node.get(path)!.status === 200)) expect(paths, path).toContain(path)
  for (const path of paths) {
    const [a, b] = await Promise.all([fetchFrom(NODE_URL, path), fetchFrom(STATIC_URL, path)])
    expect([a.status, b.status], path).toEqual([200, 200])
    expect(b.type, path).toBe(a.type)
    expect(b.body.equals(a.body), `${path}: the same bytes`).toBe(true)
  }
})

test('both deployments send the same headers, in every encoding, for every kind of response', { tag: NODE_ONLY }, async () => {
  const css = /\/_next\/static\/[^"]+\.css/.exec((await fetchFrom(NODE_URL, '/')).body.toString('utf8'))?.[0]
  expect(css, 'the home page links its stylesheet').toBeTruthy()
  const paths = [
    '/',
    '/tags/go/',
    '/2018/06/backpressure-in-practice-keeping-fast-producers-from-killing-slow-consumers/',
    '/search/',
    '/index.xml',
    '/tags/go/atom.xml',
    '/feed.json',
    '/sitemap.xml',
    '/robots.txt',
    '/og.png',
    '/favicon.ico',
    '/manifest.webmanifest',
    '/pagefind/pagefind.js',
    css!,
    '/no/such/page/',
    '/page/1/',
    '/tags/go',
  ]
  // nginx sends the .br files only with Debian's brotli_static module (npm test installs it there; scripts/serve-static.mjs loads it).
  const nginxHasBrotli = existsSync('/usr/lib/nginx/modules/ngx_http_brotli_static_module.so')
  const variants: Record<string, string>[] = [
    {},
    { 'Accept-Encoding': 'gzip' },
    ...(nginxHasBrotli ? [{ 'Accept-Encoding': 'br, gzip' }] : []),
    { Accept: 'text/html' },
  ]
  for (const path of paths) {
    for (const headers of variants) {
      const [a, b] = await Promise.all([fetchFrom(NODE_URL, path, headers), fetchFrom(STATIC_URL, path, headers)])
      const what = `${path} ${JSON.stringify(headers)}`
      expect(b.status, what).toBe(a.status)
      // A redirect's body is for people only: nginx writes its own short page, Node none.
      const ignored = a.status === 301 ? ['content-length', 'content-type'] : []
      const comparable = (headers: Headers) => Object.fromEntries(Object.entries(comparableHeaders(headers)).filter(([name]) => !ignored.includes(name)))
      expect(comparable(b.headers), what).toEqual(comparable(a.headers))
      if (a.status === 200 || a.status === 404) expect(b.body.equals(a.body), `${what}: the same bytes`).toBe(true)
    }
  }
})

test('both deployments answer a conditional request with 304 and the same validators', { tag: NODE_ONLY }, async () => {
  for (const path of ['/', '/tags/go/index.xml', '/feed.json']) {
    const first = await fetchFrom(NODE_URL, path, { 'Accept-Encoding': 'gzip' })
    const etag = first.headers.get('etag')
    expect(etag, `${path}: a strong ETag`).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/)
    for (const base of [NODE_URL, STATIC_URL]) {
      const byTag = await fetchFrom(base, path, { 'Accept-Encoding': 'gzip', 'If-None-Match': etag! })
      expect(byTag.status, `${base}${path} If-None-Match`).toBe(304)
      const byDate = await fetchFrom(base, path, { 'Accept-Encoding': 'gzip', 'If-Modified-Since': first.headers.get('last-modified')! })
      expect(byDate.status, `${base}${path} If-Modified-Since`).toBe(304)
    }
  }
})

test('a path without its trailing slash is permanently redirected to it in both', { tag: NODE_ONLY }, async () => {
  for (const path of ['/tags/go', '/posts', '/2018/06']) {
    const [a, b] = await Promise.all([fetchFrom(NODE_URL, path), fetchFrom(STATIC_URL, path)])
    expect([a.status, b.status], path).toEqual([301, 301])
    expect([a.headers.get('location'), b.headers.get('location')], path).toEqual([`${path}/`, `${path}/`])
  }
})
