/**
 * The HTTP rules of the site, as data, in one place: content types by file name, cache policy, security
 * headers, the Content-Security-Policy, redirects and the 404 page. Three consumers apply them and none
 * spells a header of its own:
 * - `npm start` (server.mjs) looks each served file's headers up here;
 * - deploy/render-nginx.mjs renders the nginx configuration from them;
 * - the build's finishing step writes them as out/_headers and out/_redirects, the files Netlify and
 *   Cloudflare Pages read, so a CDN applies the same rules at its edge.
 * Plain JavaScript (ESM, checked by tsc through JSDoc) because server.mjs and the nginx renderer run under
 * bare Node, without a build.
 */
import { createHash } from 'node:crypto'
import { INLINE_SCRIPTS } from './inline-scripts.mjs'

/** @typedef {Record<string, string>} Headers */

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

/**
 * The CSP hash source of a script text: the hash covers the text exactly as written between the tags.
 * @param {string} text
 * @returns {string}
 */
export function hashScript(text) {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`
}

/** The hashes of the inline scripts a page may run (lib/inline-scripts.mjs); nothing else inline runs. */
export const INLINE_SCRIPT_HASHES = Object.freeze(INLINE_SCRIPTS.map(hashScript))

/**
 * @param {{ allowWasm: boolean }} options
 * @returns {string}
 */
function buildPolicy({ allowWasm }) {
  return [
    "default-src 'none'",
    ["script-src 'self'", ...INLINE_SCRIPT_HASHES, ...(allowWasm ? ["'wasm-unsafe-eval'"] : [])].join(' '),
    "style-src 'self'",
    // Shiki writes token colours as style attributes; <style> elements stay forbidden.
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    // Speculation Rules prefetch pages; search fetches its index.
    "connect-src 'self'",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ')
}

/**
 * The one policy of every page and file: scripts from the site itself and our own inline scripts by hash;
 * no 'unsafe-inline', no 'unsafe-eval'. A constant: no page carries an inline script of its own.
 */
export const SITE_CSP = buildPolicy({ allowWasm: false })

/** The search page and pagefind's own files: the same, plus compiling WebAssembly (pagefind's engine); still no eval. */
export const SEARCH_CSP = buildPolicy({ allowWasm: true })

/** Files named by their content hash or version never change under their name. */
const IMMUTABLE = 'public, max-age=31536000, immutable'
/** Everything else: browsers keep 5 minutes, a CDN an hour, and may serve a stale copy for a day while it revalidates. */
const SHORT_LIVED = 'public, max-age=300, s-maxage=3600, stale-while-revalidate=86400'

/** The redirect status of an alias (an old URL of a post, or a Hugo pager page): permanent, and cacheable for an hour. */
export const REDIRECT_STATUS = 301
export const REDIRECT_CACHE_CONTROL = 'public, max-age=3600'
/** Errors are never cached: a 404 may be a page that a build is about to publish. */
export const ERROR_CACHE_CONTROL = 'no-store'
/** The page served, with status 404, for a path that is not in the export. */
export const NOT_FOUND_FILE = '/404.html'

/** Types by file extension; anything else is opaque bytes (pagefind's own index formats among them). */
export const CONTENT_TYPES = Object.freeze({
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  json: 'application/json; charset=utf-8',
  webmanifest: 'application/manifest+json; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
  xsl: 'application/xml; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  svg: 'image/svg+xml; charset=utf-8',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  ico: 'image/x-icon',
  woff2: 'font/woff2',
  woff: 'font/woff',
  ttf: 'font/ttf',
  wasm: 'application/wasm',
})
export const DEFAULT_CONTENT_TYPE = 'application/octet-stream'

/** Feeds by file name: ".xml" alone cannot tell RSS from Atom. */
export const FEED_CONTENT_TYPES = Object.freeze({
  'index.xml': 'application/rss+xml; charset=utf-8',
  'atom.xml': 'application/atom+xml; charset=utf-8',
  'feed.json': 'application/feed+json; charset=utf-8',
})

/**
 * Browsers show application/rss+xml and atom+xml as raw text and skip the XSL stylesheet: a page navigation
 * (it asks for HTML) gets the same bytes labelled application/xml so that /feed.xsl applies.
 */
export const FEED_FOR_BROWSER_TYPE = 'application/xml; charset=utf-8'
/** The feeds whose type depends on the request's Accept header. */
export const BROWSER_VIEWABLE_FEEDS = Object.freeze(['index.xml', 'atom.xml'])

/**
 * Extensions worth compressing: the finishing step writes a .br and a .gz beside each such file, and both
 * servers send one of those, never compressing at request time.
 */
export const COMPRESSIBLE_EXTENSIONS = Object.freeze(['html', 'css', 'js', 'mjs', 'json', 'webmanifest', 'xml', 'xsl', 'txt', 'svg', 'wasm'])

/** @typedef {{ files: RegExp; urls: readonly string[]; headers: Headers }} HeaderRule */

/**
 * Headers by served file (its path in the export, "/tags/go/index.html"), first match wins for each header.
 * `files` is a regular expression in the dialect JavaScript and nginx (PCRE) share; `urls` is the same set of
 * paths as a Netlify/Cloudflare _headers pattern. The last rule matches everything and holds the defaults.
 * @type {readonly HeaderRule[]}
 */
export const HEADER_RULES = Object.freeze(
  /** @type {HeaderRule[]} */ ([
    // Build assets, processed images and KaTeX's files are named by their content hash or version.
    { files: /^\/(_next\/static|img|katex)\//, urls: ['/_next/static/*', '/img/*', '/katex/*'], headers: { 'Cache-Control': IMMUTABLE } },
    { files: /^\/(pagefind\/|search\/index\.html$)/, urls: ['/pagefind/*', '/search/'], headers: { 'Content-Security-Policy': SEARCH_CSP } },
    { files: /\/(index|atom)\.xml$/, urls: ['/*index.xml', '/*atom.xml'], headers: { Vary: 'Accept, Accept-Encoding' } },
    {
      files: /^\//,
      urls: ['/*'],
      headers: { ...SECURITY_HEADERS, 'Content-Security-Policy': SITE_CSP, 'Cache-Control': SHORT_LIVED, Vary: 'Accept-Encoding' },
    },
  ]),
)

/**
 * Every header the rules give this file, in a stable order (the defaults' order).
 * @param {string} file the served file's path in the export, with a leading "/"
 * @returns {Headers}
 */
export function getFileHeaders(file) {
  /** @type {Headers} */
  const headers = {}
  for (const rule of HEADER_RULES) {
    if (!rule.files.test(file)) continue
    for (const [name, value] of Object.entries(rule.headers)) if (!(name in headers)) headers[name] = value
  }
  return headers
}

/**
 * The content type of a served file, by its name, and for a browser-viewable feed by what the request accepts.
 * @param {string} file
 * @param {{ prefersHtml?: boolean }} [request]
 * @returns {string}
 */
export function getContentType(file, { prefersHtml = false } = {}) {
  const name = file.slice(file.lastIndexOf('/') + 1)
  if (prefersHtml && BROWSER_VIEWABLE_FEEDS.includes(name)) return FEED_FOR_BROWSER_TYPE
  const feedType = FEED_CONTENT_TYPES[/** @type {keyof typeof FEED_CONTENT_TYPES} */ (name)]
  if (feedType) return feedType
  const extension = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : ''
  return CONTENT_TYPES[/** @type {keyof typeof CONTENT_TYPES} */ (extension)] ?? DEFAULT_CONTENT_TYPE
}

/** The Accept header of a page navigation: it names text/html (feed readers ask for feeds or anything). */
export const PREFERS_HTML = /(^|,)\s*text\/html\s*(;|,|$)/i

/**
 * Headers of a response that serves no file (a redirect, 404, 405, 400): the defaults, cached as the status says.
 * @param {number} status
 * @returns {Headers}
 */
export function getStatusHeaders(status) {
  return { ...getFileHeaders('/'), 'Cache-Control': status === REDIRECT_STATUS ? REDIRECT_CACHE_CONTROL : ERROR_CACHE_CONTROL }
}

/**
 * Parses out/_redirects ("from to 301" a line, the format Netlify and Cloudflare Pages read) into a map that
 * answers both "/old/path/" and "/old/path".
 * @param {string} text
 * @returns {Map<string, string>}
 */
export function parseRedirects(text) {
  const redirects = new Map()
  for (const line of text.split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue
    const [from, to, status] = line.trim().split(/\s+/)
    if (!from?.startsWith('/') || !to?.startsWith('/') || status !== String(REDIRECT_STATUS)) {
      throw new Error(`_redirects: cannot read "${line}"; each line is "/old/path/ /new/path/ ${REDIRECT_STATUS}".`)
    }
    redirects.set(from, to)
    if (from.endsWith('/') && from !== '/') redirects.set(from.slice(0, -1), to)
  }
  return redirects
}

/**
 * The _headers file (Netlify, Cloudflare Pages) for the rules: the catch-all first, then the specific rules.
 * Those hosts merge every block that matches a path, so a header a specific rule sets is first detached
 * ("! Name", which Cloudflare reads) from what the catch-all gave it.
 * @returns {string}
 */
export function renderHeadersFile() {
  const defaults = HEADER_RULES[HEADER_RULES.length - 1]
  if (!defaults) throw new Error('HEADER_RULES must end with the catch-all rule.')
  const blocks = [defaults, ...HEADER_RULES.slice(0, -1)].flatMap((rule) =>
    rule.urls.map((url) => {
      const lines = Object.entries(rule.headers).flatMap(([name, value]) =>
        rule !== defaults && name in defaults.headers ? [`  ! ${name}`, `  ${name}: ${value}`] : [`  ${name}: ${value}`],
      )
      return [url, ...lines].join('\n')
    }),
  )
  for (const [name, type] of Object.entries(FEED_CONTENT_TYPES)) blocks.push(`/*${name}\n  Content-Type: ${type}`)
  return `${blocks.join('\n')}\n`
}
