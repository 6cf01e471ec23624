/**
 * Checks that every old URL still answers: 200, or a permanent redirect (301/308) that ends in a 200 on the
 * same site. The URLs come from a list, a sitemap.xml or a Hugo public/ folder; only the given base is asked.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** The result for one old URL: ok, or why not, with the redirect chain it followed. */
export type UrlCheck = { path: string; ok: boolean; chain: string[]; problem?: string }

const MAX_REDIRECTS = 5

/** A URL or a path ("https://old.example.com/a/?q" or "/a/") -> "/a/?q": only the path and query are kept. */
export function toSitePath(entry: string): string {
  const trimmed = entry.trim()
  const url = new URL(trimmed, 'http://site.invalid')
  return `${url.pathname}${url.search}`
}

/** Every file of a Hugo public/ folder as the path it is served at: dir/index.html -> /dir/, others by path. Sorted. */
export function listPublicFolderPaths(root: string): string[] {
  const paths: string[] = []
  const walk = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name), `${prefix}${entry.name}/`)
      else if (entry.name === 'index.html') paths.push(prefix)
      else paths.push(`${prefix}${entry.name}`)
    }
  }
  walk(root, '/')
  return paths.map((path) => path.split('/').map(encodeURIComponent).join('/')).sort()
}

/** The <loc> entries of a sitemap (or sitemap index) as site paths. */
export function readSitemapPaths(xml: string): string[] {
  return [...xml.matchAll(/<loc>\s*([^<\s]+)\s*<\/loc>/g)].map((match) =>
    toSitePath(
      (match[1] as string)
        .replace(/&amp;/g, '&')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'"),
    ),
  )
}

/** The URLs to check from a list file (one URL or path a line, # comments), a sitemap.xml or a public/ folder. Deduplicated, in order. */
export function readUrlSource(source: string): string[] {
  let isFolder: boolean
  try {
    isFolder = statSync(source).isDirectory()
  } catch (error) {
    throw new Error(`${source} cannot be read (${(error as NodeJS.ErrnoException).code}); pass a URL list, a sitemap.xml or a Hugo public/ folder`)
  }
  let paths: string[]
  if (isFolder) {
    paths = listPublicFolderPaths(source)
  } else {
    const text = readFileSync(source, 'utf8')
    if (/<(urlset|sitemapindex)[\s>]/.test(text)) paths = readSitemapPaths(text)
    else
      paths = text
        .split('\n')
        .map((line) => line.replace(/#.*$/, '').trim())
        .filter(Boolean)
        .map((line) => toSitePath(line.split(/\s+/)[0] as string))
  }
  return [...new Set(paths)]
}

/** Follows one old URL at `base`: permanent redirects on the same origin, at most five, must end in 200. */
export async function checkUrl(base: URL, path: string, fetchImpl: typeof fetch = fetch): Promise<UrlCheck> {
  const chain: string[] = [path]
  let url = new URL(path, base)
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    let response: Response
    try {
      response = await fetchImpl(url, { redirect: 'manual', headers: { 'user-agent': 'check-urls' } })
    } catch (error) {
      return { path, ok: false, chain, problem: `request failed: ${(error as Error).cause ?? (error as Error).message}` }
    }
    // The body is not needed; cancelling it frees the connection for the next request.
    await response.body?.cancel()
    const status = response.status
    if (status === 200) return { path, ok: true, chain }
    const location = response.headers.get('location')
    if ((status === 301 || status === 308) && location) {
      const next = new URL(location, url)
      if (next.origin !== base.origin) return { path, ok: false, chain, problem: `${status} to another site, ${next.href}` }
      url = next
      chain.push(`${status} ${next.pathname}${next.search}`)
      continue
    }
    if (status >= 300 && status < 400)
      return { path, ok: false, chain, problem: `${status} is not a permanent redirect${location ? ` (to ${location})` : ''}; use 301 or 308` }
    return { path, ok: false, chain, problem: `answered ${status}` }
  }
  return { path, ok: false, chain, problem: `more than ${MAX_REDIRECTS} redirects` }
}

/**
 * Checks every path with at most `concurrency` requests in flight; results in the paths' order. Its own loop,
 * not lib/run-limited.mjs: the e2e tests load this module as CommonJS, and the SIGHUP test then imports the
 * finishing step (which uses run-limited.mjs) as ESM; Playwright's loader gives an .mjs loaded both ways no
 * named exports the second time.
 */
export async function checkUrls(paths: readonly string[], base: URL, options: { concurrency?: number; fetchImpl?: typeof fetch } = {}): Promise<UrlCheck[]> {
  const results: UrlCheck[] = new Array(paths.length)
  let next = 0
  const worker = async () => {
    while (next < paths.length) {
      const index = next++
      results[index] = await checkUrl(base, paths[index] as string, options.fetchImpl)
    }
  }
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 8, paths.length) }, worker))
  return results
}

/** "/old/: 301 /new/ -> answered 404" for a failure. */
export function formatFailure(check: UrlCheck): string {
  return `${check.chain.join(' -> ')}: ${check.problem}`
}
