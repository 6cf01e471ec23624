import { describe, expect, it } from 'vitest'
import {
  getContentType,
  getFileHeaders,
  getStatusHeaders,
  hashScript,
  parseRedirects,
  PREFERS_HTML,
  renderHeadersFile,
  SEARCH_CSP,
  SITE_CSP,
} from './http-rules.mjs'
import { SPECULATION_RULES, THEME_SCRIPT } from './inline-scripts.mjs'

describe('the policy', () => {
  it('allows our two inline scripts by hash and nothing inline besides; WebAssembly only for search', () => {
    expect(SITE_CSP).toContain(`script-src 'self' ${hashScript(THEME_SCRIPT)} ${hashScript(SPECULATION_RULES)};`)
    expect(SITE_CSP).not.toMatch(/unsafe-eval|wasm|script-src[^;]*unsafe-inline/)
    expect(SEARCH_CSP).toContain("'wasm-unsafe-eval'")
    expect(SEARCH_CSP).not.toMatch(/'unsafe-eval'/)
    expect(hashScript('a')).toBe("'sha256-ypeBEsobvcr6wjGzmiPcTaeG7/gUfE5yuYB3ha/uSLs='")
  })
})

describe('getFileHeaders', () => {
  it('gives pages the site policy and a short cache life, hashed assets a year, feeds Vary: Accept', () => {
    expect(getFileHeaders('/index.html')).toMatchObject({ 'Content-Security-Policy': SITE_CSP, 'Cache-Control': expect.stringMatching(/max-age=300/) })
    expect(getFileHeaders('/search/index.html')['Content-Security-Policy']).toBe(SEARCH_CSP)
    expect(getFileHeaders('/pagefind/pagefind.js')['Content-Security-Policy']).toBe(SEARCH_CSP)
    expect(getFileHeaders('/_next/static/chunks/a.css')['Cache-Control']).toBe('public, max-age=31536000, immutable')
    expect(getFileHeaders('/tags/go/index.xml').Vary).toBe('Accept, Accept-Encoding')
    expect(getFileHeaders('/feed.json').Vary).toBe('Accept-Encoding')
    expect(getFileHeaders('/og.png')['X-Content-Type-Options']).toBe('nosniff')
  })

  it('caches redirects for an hour and errors never', () => {
    expect(getStatusHeaders(301)['Cache-Control']).toBe('public, max-age=3600')
    expect(getStatusHeaders(404)['Cache-Control']).toBe('no-store')
    expect(getStatusHeaders(405)).toHaveProperty('Content-Security-Policy', SITE_CSP)
  })
})

describe('getContentType', () => {
  it.each([
    ['/index.html', {}, 'text/html; charset=utf-8'],
    ['/tags/go/index.xml', {}, 'application/rss+xml; charset=utf-8'],
    ['/tags/go/index.xml', { prefersHtml: true }, 'application/xml; charset=utf-8'],
    ['/atom.xml', { prefersHtml: true }, 'application/xml; charset=utf-8'],
    ['/feed.json', { prefersHtml: true }, 'application/feed+json; charset=utf-8'],
    ['/sitemap.xml', {}, 'application/xml; charset=utf-8'],
    ['/manifest.webmanifest', {}, 'application/manifest+json; charset=utf-8'],
    ['/favicon.ico', {}, 'image/x-icon'],
    ['/pagefind/wasm.en.pagefind', {}, 'application/octet-stream'],
    ['/_redirects', {}, 'application/octet-stream'],
  ])('%s %o -> %s', (file, request, type) => expect(getContentType(file, request)).toBe(type))

  it('tells a browser navigation from a feed reader', () => {
    expect(PREFERS_HTML.test('text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8')).toBe(true)
    expect(PREFERS_HTML.test('application/rss+xml, application/xml;q=0.9, */*;q=0.8')).toBe(false)
    expect(PREFERS_HTML.test('text/htmlx')).toBe(false)
  })
})

describe('parseRedirects', () => {
  it('answers an old path with and without its slash', () => {
    const redirects = parseRedirects('/page/1/ / 301\n/old/post/ /2025/04/new/ 301\n')
    expect([...redirects]).toEqual([
      ['/page/1/', '/'],
      ['/page/1', '/'],
      ['/old/post/', '/2025/04/new/'],
      ['/old/post', '/2025/04/new/'],
    ])
  })

  it('refuses a line it cannot read, naming it', () => {
    expect(() => parseRedirects('/a/ https://evil.example/ 301\n')).toThrow('_redirects: cannot read "/a/ https://evil.example/ 301"')
    expect(() => parseRedirects('/a/ /b/ 302\n')).toThrow(/cannot read/)
  })
})

describe('renderHeadersFile', () => {
  it('puts the catch-all first and detaches what specific rules override', () => {
    const text = renderHeadersFile()
    expect(text.startsWith('/*\n  X-Content-Type-Options: nosniff\n')).toBe(true)
    expect(text).toContain('/_next/static/*\n  ! Cache-Control\n  Cache-Control: public, max-age=31536000, immutable')
    expect(text).toContain(`/search/\n  ! Content-Security-Policy\n  Content-Security-Policy: ${SEARCH_CSP}`)
    expect(text).toContain('/*index.xml\n  Content-Type: application/rss+xml; charset=utf-8')
  })
})
