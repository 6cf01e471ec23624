/**
 * A page's URL as Hugo 0.1xx computes it: the file's path (or the section's permalink pattern), `slug`
 * and `url` front matter, uglyURLs, lower-cased unless disablePathToLower, under baseURL's path.
 */
import type { HugoConfig } from './config'

const isAllowedPathCharacter = (s: string, i: number, ch: string): boolean =>
  /[\p{L}\p{N}\p{M}]/u.test(ch) || './\\_#+~@-'.includes(ch) || (ch === '%' && /^[0-9a-f]{2}$/i.test(s.slice(i + 1, i + 3)))

/** Hugo's paths.Sanitize: spaces become hyphens, characters a path should not hold are dropped. */
export function sanitizeHugoPath(s: string): string {
  let out = ''
  let pendingHyphen = false
  const chars = [...s]
  let index = 0
  for (const ch of chars) {
    if (ch !== ' ' && isAllowedPathCharacter(s, index, ch)) {
      if (pendingHyphen) out += '-'
      pendingHyphen = false
      out += ch
    } else if (out.length > 0 && /\s/.test(ch)) {
      pendingHyphen = true
    }
    index += ch.length
  }
  return out
}

/** Hugo's urlize for one path element: sanitized, lower-cased unless the site disables it. */
export function urlizeHugo(s: string, config: Pick<HugoConfig, 'disablePathToLower'>): string {
  const sanitized = sanitizeHugoPath(s)
  return config.disablePathToLower ? sanitized : sanitized.toLowerCase()
}

/** What a page contributes to its URL. */
export type HugoPageFacts = {
  /** Content-relative path with forward slashes: "posts/my-post.md" or "posts/bundle/index.md". */
  path: string
  title: string
  slug?: string
  url?: string
  /** The page date's wall clock in its own offset. */
  date?: { year: number; month: number; day: number }
}

const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday']

/** The file name Hugo uses for :filename: the bundle's folder for index.md, else the base name. */
export function hugoFileName(path: string): string {
  const parts = path.split('/')
  const base = (parts.at(-1) ?? '').replace(/\.[^.]+$/, '')
  return base === 'index' && parts.length > 1 ? (parts.at(-2) ?? base) : base
}

function isUgly(config: HugoConfig, section: string): boolean {
  return typeof config.uglyURLs === 'boolean' ? config.uglyURLs : config.uglyURLs[section] === true
}

/** Expands a permalink pattern such as "/:year/:month/:slug/" for one page. */
function expandPattern(pattern: string, page: HugoPageFacts, config: HugoConfig): string {
  const dirs = page.path.split('/').slice(0, -1)
  const section = dirs[0] ?? ''
  const date = page.date ?? { year: 1, month: 1, day: 1 }
  const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay()
  const yearDay = Math.round((Date.UTC(date.year, date.month - 1, date.day) - Date.UTC(date.year, 0, 1)) / 86400000) + 1
  const urlize = (s: string) => urlizeHugo(s, config)
  const tokens: Record<string, () => string> = {
    year: () => String(date.year).padStart(4, '0'),
    month: () => String(date.month).padStart(2, '0'),
    monthname: () => MONTH_NAMES[date.month - 1] ?? '',
    day: () => String(date.day).padStart(2, '0'),
    weekday: () => String(weekday),
    weekdayname: () => WEEKDAYS[weekday] ?? '',
    yearday: () => String(yearDay).padStart(3, '0'),
    section: () => urlize(section),
    sections: () =>
      dirs
        .slice(0, page.path.endsWith('/index.md') || /\/index\.[^/]+$/.test(page.path) ? -1 : undefined)
        .map(urlize)
        .join('/'),
    title: () => urlize(page.title),
    slug: () => urlize(page.slug || page.title),
    filename: () => urlize(hugoFileName(page.path)),
    slugorfilename: () => urlize(page.slug || hugoFileName(page.path)),
    contentbasename: () => urlize(hugoFileName(page.path)),
  }
  // Longest names first, so :slugorfilename is not read as :slug + "orfilename".
  return pattern.replace(
    /:(slugorfilename|contentbasename|monthname|weekdayname|weekday|yearday|sections|section|filename|title|slug|year|month|day)/g,
    (_, token: string) => (tokens[token] ?? (() => ''))(),
  )
}

/**
 * The site path Hugo writes a regular page to, baseURL's path included: "/posts/my-post/",
 * "/2017/01/my-post/", or "/posts/my-post.html" with uglyURLs.
 */
export function computeHugoUrl(page: HugoPageFacts, config: HugoConfig): string {
  const dirs = page.path.split('/').slice(0, -1)
  const isBundle = /(^|\/)index\.[^/]+$/.test(page.path)
  const section = dirs[0] ?? ''
  let path: string
  if (page.url) {
    path = page.url.startsWith('/') ? page.url : `/${page.url}`
  } else {
    const pattern = config.permalinks[section]
    if (pattern) {
      path = expandPattern(pattern, page, config)
    } else {
      const folder = isBundle ? dirs.slice(0, -1) : dirs
      const last = page.slug ? page.slug : hugoFileName(page.path)
      path = `/${[...folder, last].map((part) => sanitizeHugoPath(part)).join('/')}/`
      if (!config.disablePathToLower) path = path.toLowerCase()
    }
    if (isUgly(config, section)) path = path.endsWith('/') ? `${path.slice(0, -1)}.html` : path
  }
  path = path.replace(/\/{2,}/g, '/')
  return `${config.basePath}${path}`
}
