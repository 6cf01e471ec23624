/**
 * A post's HTML as feed readers need it: they have no base URL, run no scripts and load none of our CSS.
 * The input is our own renderToStaticMarkup output (double-quoted attributes, `&amp;`-escaped), which is
 * what makes attribute-level rewriting reliable here.
 */

const URL_ATTRIBUTE = /(\s(?:href|src|poster|cite|action))="([^"]*)"/g
const SRCSET_ATTRIBUTE = /(\ssrcset)="([^"]*)"/g

function decodeAttribute(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
}

function encodeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** `value` resolved against `base`; left alone when it is not a URL we can resolve. */
function resolve(value: string, base: string): string {
  try {
    return new URL(value, base).href
  } catch {
    return value
  }
}

/** Every relative URL in links, images and anchors made absolute against the post's permalink. */
export function absolutizeUrls(html: string, permalink: string): string {
  return html
    .replace(URL_ATTRIBUTE, (_, name: string, value: string) => `${name}="${encodeAttribute(resolve(decodeAttribute(value), permalink))}"`)
    .replace(SRCSET_ATTRIBUTE, (_, name: string, value: string) => {
      const candidates = decodeAttribute(value)
        .split(',')
        .map((candidate) => {
          const [url = '', ...descriptor] = candidate.trim().split(/\s+/)
          return [resolve(url, permalink), ...descriptor].join(' ')
        })
      return `${name}="${encodeAttribute(candidates.join(', '))}"`
    })
}

/**
 * Drops what a feed must not carry: scripts, inline event handlers, `javascript:` links, and the
 * "#" heading anchors, which only make sense on the page.
 */
export function stripForFeeds(html: string): string {
  return html
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '')
    .replace(/\son[a-z]+="[^"]*"/gi, '')
    .replace(/\s(href|src)="\s*javascript:[^"]*"/gi, '')
    .replace(/<a class="heading-anchor"[^>]*>[\s\S]*?<\/a>/g, '')
}

/** The HTML a feed item carries for this post: safe, and readable with absolute URLs only. */
export function buildFeedHtml(html: string, permalink: string): string {
  return absolutizeUrls(stripForFeeds(html), permalink)
}
