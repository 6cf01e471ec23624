/**
 * The security headers of every response, in both deployment modes: `npm start` (server.mjs) sets them
 * per response, and deploy/render-nginx.mjs writes the same values into the nginx configuration.
 * Plain JavaScript (ESM) because server.mjs and the nginx renderer run under bare Node, without a build.
 *
 * Why inline scripts are allowed by hash: every page is prerendered, and Next inlines its bootstrap and
 * the page's RSC payload as <script> elements (different on every page). A nonce would have to be new on
 * every request, which makes Next render every page on every request (Next's CSP guide: "all pages must
 * be dynamically rendered"); 'unsafe-inline' would allow any injected script. So the policy lists the
 * SHA-256 of each inline script of the very bytes being sent: server.mjs hashes the HTML body it is about
 * to send, the nginx renderer hashes each exported file. Hashes of the build output cannot be used under
 * `npm start`, because Next 16.4 re-renders each prerendered page once at runtime (its route cache) and the
 * RSC payload it then inlines differs from the build's by a few hint bits.
 */
import { createHash } from 'node:crypto'

/** Headers sent with every response, whatever it is. */
export const SECURITY_HEADERS = Object.freeze({
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  // Nothing on the site needs a device API; deny the ones a script could otherwise ask for.
  'Permissions-Policy':
    'accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=(), browsing-topics=()',
  // frame-ancestors 'none' in the CSP is the standard; X-Frame-Options is for browsers that predate it.
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
})

/** Directives every policy shares: nothing may frame the site, no <base>, no forms, no plugins. */
const COMMON_DIRECTIVES = ["base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'", "object-src 'none'"]

/**
 * The policy of an HTML page that carries exactly these inline scripts. Scripts and styles load only from
 * the site itself; Next's client router fetches RSC payloads from the site (connect-src). Shiki writes token
 * colours as style attributes, hence style-src-attr 'unsafe-inline'; <style> elements stay forbidden.
 * A page that runs WebAssembly (the search page: pagefind's engine) also gets 'wasm-unsafe-eval', which lets it
 * compile WebAssembly and nothing else: JavaScript eval stays forbidden.
 * @param {readonly string[]} inlineScriptHashes CSP hash sources such as "'sha256-…'"
 * @param {{ allowWasm?: boolean }} [options]
 * @returns {string}
 */
export function buildPageCsp(inlineScriptHashes, { allowWasm = false } = {}) {
  return [
    "default-src 'none'",
    ["script-src 'self'", ...inlineScriptHashes, ...(allowWasm ? ["'wasm-unsafe-eval'"] : [])].join(' '),
    "style-src 'self'",
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "manifest-src 'self'",
    ...COMMON_DIRECTIVES,
  ].join('; ')
}

/**
 * The policy of everything that is not HTML: feeds, sitemap, assets. A feed opened in a browser is shown
 * through /feed.xsl and /feed.css, both from the site; nothing else may load or run.
 */
export const NON_HTML_CSP = ["default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", ...COMMON_DIRECTIVES].join('; ')

const INLINE_SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi

/**
 * The CSP hash source of every inline script in an HTML document, in document order, without repeats.
 * A script's hash covers its text exactly as written between the tags (HTML does not decode script text).
 * @param {string} html
 * @returns {string[]}
 */
export function getInlineScriptHashes(html) {
  const hashes = new Set()
  for (const [, attributes = '', text = ''] of html.matchAll(INLINE_SCRIPT)) {
    if (/\ssrc\s*=/i.test(attributes) || text === '') continue
    hashes.add(`'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`)
  }
  return [...hashes]
}

/** The attribute a page carries when it runs WebAssembly (app/search/page.tsx); its policy then allows it. */
export const NEEDS_WASM_ATTRIBUTE = 'data-needs-wasm'

/**
 * The policy for this HTML exactly as it is sent: its inline scripts' hashes, and WebAssembly where the page asks.
 * @param {string} html
 * @returns {string}
 */
export function buildPageCspFor(html) {
  return buildPageCsp(getInlineScriptHashes(html), { allowWasm: html.includes(`${NEEDS_WASM_ATTRIBUTE}=`) })
}

/**
 * The policy of the search engine's own files (/pagefind/): its worker script runs under the policy it is
 * served with, and it fetches the index and compiles its WebAssembly; still no JavaScript eval.
 */
export const SEARCH_ENGINE_CSP = ["default-src 'none'", "script-src 'self' 'wasm-unsafe-eval'", "connect-src 'self'", ...COMMON_DIRECTIVES].join('; ')

/**
 * The policy of a response that is not an HTML page, by its path.
 * @param {string} pathname
 * @returns {string}
 */
export function getNonHtmlCsp(pathname) {
  return pathname.startsWith('/pagefind/') ? SEARCH_ENGINE_CSP : NON_HTML_CSP
}
