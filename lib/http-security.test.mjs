import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { buildPageCsp, buildPageCspFor, getInlineScriptHashes, getNonHtmlCsp, NON_HTML_CSP } from './http-security.mjs'

const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`

describe('inline script hashes for the Content-Security-Policy', () => {
  it('hashes each inline script once, exactly as written, and skips external and empty ones', () => {
    const html =
      '<script src="/_next/static/a.js" async=""></script><script>self.__next_f=[]</script>' +
      '<script id="_R_">(globalThis.T=[]).push(1)</script><script>self.__next_f=[]</script><script></script>' +
      '<SCRIPT type="text/javascript">a&amp;&lt;b</SCRIPT >'
    expect(getInlineScriptHashes(html)).toEqual([sha256('self.__next_f=[]'), sha256('(globalThis.T=[]).push(1)'), sha256('a&amp;&lt;b')])
  })

  it('builds a page policy that allows only the listed inline scripts', () => {
    const policy = buildPageCsp(["'sha256-abc='"])
    expect(policy).toContain("script-src 'self' 'sha256-abc='")
    expect(policy).toContain("frame-ancestors 'none'")
    expect(policy).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/)
    expect(NON_HTML_CSP).toMatch(/^default-src 'none'/)
  })
})

describe('buildPageCspFor', () => {
  it('allows WebAssembly only on a page that asks for it, and never JavaScript eval', () => {
    const plain = buildPageCspFor('<html><body><script>a()</script></body></html>')
    const search = buildPageCspFor('<html><body><div data-needs-wasm="pagefind" hidden></div></body></html>')
    expect(plain).not.toContain('wasm-unsafe-eval')
    expect(search).toMatch(/script-src 'self' 'wasm-unsafe-eval'/)
    expect(search).not.toMatch(/'unsafe-eval'/)
  })
})

describe('getNonHtmlCsp', () => {
  it('lets only the search engine’s files fetch the index and compile WebAssembly', () => {
    expect(getNonHtmlCsp('/pagefind/pagefind-worker.js')).toMatch(/connect-src 'self'/)
    expect(getNonHtmlCsp('/pagefind/pagefind-worker.js')).toMatch(/'wasm-unsafe-eval'/)
    expect(getNonHtmlCsp('/pagefind/pagefind-worker.js')).not.toMatch(/'unsafe-eval'/)
    expect(getNonHtmlCsp('/index.xml')).toBe(NON_HTML_CSP)
    expect(NON_HTML_CSP).not.toMatch(/wasm|connect-src/)
  })
})
