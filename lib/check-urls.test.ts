import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkUrls, formatFailure, listPublicFolderPaths, readSitemapPaths, readUrlSource, toSitePath } from './check-urls'

const ROUTES: Record<string, { status: number; location?: string }> = {
  '/': { status: 200 },
  '/ok/': { status: 200 },
  '/index.xml': { status: 200 },
  '/moved/': { status: 301, location: '/ok/' },
  '/moved-twice/': { status: 308, location: '/moved/' },
  '/temporary/': { status: 302, location: '/ok/' },
  '/to-missing/': { status: 301, location: '/missing/' },
  '/elsewhere/': { status: 301, location: 'https://example.com/' },
  '/loop/': { status: 301, location: '/loop/' },
}

let server: Server
let base: URL
const requested: string[] = []

beforeAll(async () => {
  server = createServer((request, response) => {
    requested.push(request.url ?? '')
    const route = ROUTES[request.url ?? ''] ?? { status: 404 }
    response.writeHead(route.status, route.location ? { location: route.location } : {})
    response.end('body')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)
})

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
})

describe('checkUrls', () => {
  it('passes 200s and permanent redirects that end in a 200', async () => {
    const results = await checkUrls(['/', '/ok/', '/index.xml', '/moved/', '/moved-twice/'], base)
    expect(results.map((result) => result.ok)).toEqual([true, true, true, true, true])
    expect(results[4]?.chain).toEqual(['/moved-twice/', '308 /moved/', '301 /ok/'])
  })

  it('fails a 404, a temporary redirect, a redirect to a 404, to another site, and a loop, saying why', async () => {
    const results = await checkUrls(['/missing/', '/temporary/', '/to-missing/', '/elsewhere/', '/loop/'], base, { concurrency: 2 })
    expect(results.every((result) => !result.ok)).toBe(true)
    expect(results.map(formatFailure)).toEqual([
      '/missing/: answered 404',
      '/temporary/: 302 is not a permanent redirect (to /ok/); use 301 or 308',
      '/to-missing/ -> 301 /missing/: answered 404',
      '/elsewhere/: 301 to another site, https://example.com/',
      `/loop/ -> ${Array(6).fill('301 /loop/').join(' -> ')}: more than 5 redirects`,
    ])
    expect(requested.some((url) => url.includes('example.com'))).toBe(false)
  })

  it('reports a server that does not answer as a failure, not a crash', async () => {
    const [result] = await checkUrls(['/'], new URL('http://127.0.0.1:9'))
    expect(result?.ok).toBe(false)
    expect(result?.problem).toMatch(/^request failed/)
  })
})

describe('URL sources', () => {
  const dir = mkdtempSync(join(tmpdir(), 'check-urls-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('keeps only the path and query of full URLs', () => {
    expect(toSitePath('https://old.example.com/posts/a/?x=1#top')).toBe('/posts/a/?x=1')
    expect(toSitePath('/tags/go/')).toBe('/tags/go/')
  })

  it('reads a list with comments and duplicates', () => {
    writeFileSync(join(dir, 'list.txt'), '# Hugo URLs\n/a/\nhttps://old.example.com/b/ /2020/01/b/\n\n/a/\n')
    expect(readUrlSource(join(dir, 'list.txt'))).toEqual(['/a/', '/b/'])
  })

  it('reads a sitemap', () => {
    const xml =
      '<?xml version="1.0"?><urlset><url><loc>https://old.example.com/</loc></url><url><loc>https://old.example.com/a/?p=1&amp;q=2</loc></url></urlset>'
    expect(readSitemapPaths(xml)).toEqual(['/', '/a/?p=1&q=2'])
    writeFileSync(join(dir, 'sitemap.xml'), xml)
    expect(readUrlSource(join(dir, 'sitemap.xml'))).toEqual(['/', '/a/?p=1&q=2'])
  })

  it('derives URLs from a public/ folder: index.html as its folder, feeds and other files by path', () => {
    const root = join(dir, 'public')
    for (const file of ['index.html', 'index.xml', 'posts/a/index.html', 'posts/a/photo.png', 'tags/go/index.xml', 'sitemap.xml', 'café/index.html']) {
      mkdirSync(join(root, file, '..'), { recursive: true })
      writeFileSync(join(root, file), '')
    }
    expect(listPublicFolderPaths(root)).toEqual(['/', '/caf%C3%A9/', '/index.xml', '/posts/a/', '/posts/a/photo.png', '/sitemap.xml', '/tags/go/index.xml'])
  })

  it('says what to pass when the source cannot be read', () => {
    expect(() => readUrlSource(join(dir, 'nope.txt'))).toThrow(/cannot be read \(ENOENT\); pass a URL list/)
  })
})
