import { readdirSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { expect, test } from '@playwright/test'
import { NODE_ONLY, NODE_URL, STATIC_URL } from './servers'

/**
 * `npm start` and nginx serving the export must be the same site: the same URLs, byte-identical feeds and
 * files, and the same HTML once scripts are set aside. (Scripts differ: the export's payload comes from the
 * build, the server's from its runtime render, and chunk names are per build.)
 * One test reads both deployments, so it runs once, in the node project.
 */
const SITE_URL = 'https://blog.turboawesome.win'
const OUT = join(__dirname, '..', 'out')

type Fetched = { status: number; type: string; body: Buffer; location: string | null }

async function fetchFrom(base: string, path: string): Promise<Fetched> {
  const response = await fetch(base + path, { redirect: 'manual', headers: { 'Accept-Encoding': 'identity' } })
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    body: Buffer.from(await response.arrayBuffer()),
    location: response.headers.get('location'),
  }
}

/** Site paths a document links to (href and src), without assets, queries or fragments. */
function readLinks(text: string): string[] {
  return [...text.matchAll(/\s(?:href|src)="([^"]+)"/g)]
    .map(([, url]) => url!.replaceAll('&amp;', '&'))
    .map((url) => (url.startsWith(SITE_URL) ? url.slice(SITE_URL.length) || '/' : url))
    .filter((url) => url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/_next/'))
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
      // A feed in one format stands for all three in its folder (/tags/index.xml, the list of tags, is RSS only).
      const siblings = (path: string) =>
        /^(.*\/)(index\.xml|atom\.xml|feed\.json)$/.test(path) && !path.startsWith('/tags/index.xml')
          ? ['index.xml', 'atom.xml', 'feed.json'].map((file) => path.replace(/[^/]+$/, file))
          : [path]
      for (const path of [...readLinks(text), ...locs].flatMap(siblings)) if (!found.has(path) && !queue.includes(path)) queue.push(path)
    }
  }
  return found
}

/** An HTML document without its scripts, script preloads and per-build asset names. */
function normalizeHtml(html: string): string {
  return html
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '')
    .replace(/<link\b[^>]*\bas="script"[^>]*>/g, '')
    .replace(/\/_next\/static\/[^"')\s]+/g, '/_next/static/…')
}

/** The pages, feeds and files in out/ as site paths (the 404 page and Next's RSC payloads aside). */
function listExportedPaths(): string[] {
  const walk = (folder: string): string[] =>
    readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? walk(join(folder, entry.name)) : [relative(OUT, join(folder, entry.name)).split(sep).join('/')],
    )
  return (
    walk(OUT)
      // _redirects is configuration for static hosts (the server redirects itself), not a page of the site.
      .filter(
        (file) =>
          file === 'robots.txt' ||
          (!file.startsWith('_next/') && !/^(404|_not-found)(\/|\.html$)/.test(file) && !file.endsWith('.txt') && file !== '_redirects'),
      )
      .map((file) => `/${file}`.replace(/(^|\/)index\.html$/, '$1'))
      .sort()
  )
}

test('both deployments serve the same URLs, the same feeds byte for byte, the same HTML', { tag: NODE_ONLY }, async () => {
  const [node, exported] = await Promise.all([crawl(NODE_URL), crawl(STATIC_URL)])
  const linked = [...node.keys()].sort()
  expect(linked.length).toBeGreaterThan(60)
  expect([...exported.keys()].sort()).toEqual(linked)
  // Every linked URL is in the export; the export also holds files no page links to as such (the search
  // index under /pagefind/, share images named in <meta content>), compared below like the rest.
  const paths = listExportedPaths()
  for (const path of linked) expect(paths, path).toContain(path)
  for (const path of paths.filter((path) => !node.has(path))) {
    const [fromNode, fromExport] = await Promise.all([fetchFrom(NODE_URL, path), fetchFrom(STATIC_URL, path)])
    node.set(path, fromNode)
    exported.set(path, fromExport)
  }

  for (const path of paths) {
    const a = node.get(path)!
    const b = exported.get(path)!
    expect([a.status, b.status], path).toEqual([200, 200])
    if (a.type.startsWith('text/html')) {
      expect(b.type, path).toMatch(/^text\/html/)
      expect(normalizeHtml(b.body.toString('utf8')), path).toBe(normalizeHtml(a.body.toString('utf8')))
    } else {
      expect(b.body.equals(a.body), `${path}: the same bytes`).toBe(true)
    }
    if (/\/(index\.xml|atom\.xml|feed\.json)$/.test(path)) expect(b.type, path).toBe(a.type)
  }
})

test('both deployments answer a missing page with the same 404 page', { tag: NODE_ONLY }, async () => {
  for (const path of ['/no/such/page/', '/2025/13/', '/tags/no-such-tag/']) {
    const [a, b] = await Promise.all([fetchFrom(NODE_URL, path), fetchFrom(STATIC_URL, path)])
    expect([a.status, b.status], path).toEqual([404, 404])
    expect(normalizeHtml(b.body.toString('utf8')), path).toBe(normalizeHtml(a.body.toString('utf8')))
  }
})

test('both deployments send the same security headers and cache policy for feeds', { tag: NODE_ONLY }, async () => {
  const names = ['x-content-type-options', 'referrer-policy', 'permissions-policy', 'x-frame-options', 'cross-origin-opener-policy']
  for (const path of ['/', '/tags/go/', '/index.xml', '/feed.json', '/no/such/page/']) {
    const [a, b] = await Promise.all([fetch(NODE_URL + path), fetch(STATIC_URL + path)])
    for (const name of names) expect(b.headers.get(name), `${path} ${name}`).toBe(a.headers.get(name))
    const withoutHashes = (policy: string | null) => policy?.replace(/ 'sha256-[^']+'/g, '')
    expect(withoutHashes(b.headers.get('content-security-policy')), path).toBe(withoutHashes(a.headers.get('content-security-policy')))
    if (path.endsWith('.xml') || path.endsWith('.json')) expect(b.headers.get('cache-control'), path).toBe(a.headers.get('cache-control'))
  }
})

test('a path without its trailing slash is permanently redirected to it in both', { tag: NODE_ONLY }, async () => {
  for (const path of ['/tags/go', '/posts', '/2018/06']) {
    const [a, b] = await Promise.all([fetchFrom(NODE_URL, path), fetchFrom(STATIC_URL, path)])
    // Next answers 308, nginx 301: both permanent, both to the same relative location.
    expect(a.status, path).toBe(308)
    expect(b.status, path).toBe(301)
    expect(b.location, path).toBe(a.location)
    expect(a.location, path).toBe(`${path}/`)
  }
})
