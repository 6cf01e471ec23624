/**
 * What one page costs a reader, read from the built files (our out/, Hugo's public/), not over HTTP: its
 * HTML, and the CSS and JS it loads, plain and gzipped, and how much of that is framework JavaScript.
 * The HTML is parsed with rehype-parse (a real HTML parser), never with regular expressions.
 */
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Element, Root } from 'hast'
import rehypeParse from 'rehype-parse'
import { unified } from 'unified'
import { visit } from 'unist-util-visit'

export type Weight = { plain: number; gzip: number }
export type PageWeight = {
  html: Weight
  css: Weight
  /** External scripts the page loads (not noModule polyfills, which current browsers never fetch). */
  js: Weight
  /** HTML + CSS + JS, as a first visit with an empty cache transfers them (each file gzipped on its own). */
  firstVisit: Weight
  /** Framework JavaScript: every <script src> under /_next/ and every inline script that is not ours. */
  framework: { scripts: number; bytes: Weight }
}

export type ScriptRef = { src?: string; type?: string; text: string; noModule: boolean }
export type PageAssets = { stylesheets: string[]; scripts: ScriptRef[] }

/** Script types that never execute (data), so they are not JavaScript whoever wrote them. */
const DATA_SCRIPT_TYPES = new Set(['application/ld+json', 'application/json'])

function weigh(bytes: Buffer): Weight {
  // Level 6: gzip's and nginx's usual level, the same for both sites, so only the bytes differ.
  return { plain: bytes.length, gzip: gzipSync(bytes, { level: 6 }).length }
}

function add(a: Weight, b: Weight): Weight {
  return { plain: a.plain + b.plain, gzip: a.gzip + b.gzip }
}

const ZERO: Weight = { plain: 0, gzip: 0 }

function readAttribute(element: Element, name: string): string | undefined {
  const value = element.properties?.[name]
  if (value === undefined || value === null || value === false) return undefined
  return Array.isArray(value) ? value.join(' ') : String(value)
}

/** The stylesheets and scripts an HTML page references, in document order, as written. */
export function findAssets(html: string): PageAssets {
  const tree = unified().use(rehypeParse).parse(html) as Root
  const stylesheets: string[] = []
  const scripts: ScriptRef[] = []
  visit(tree, 'element', (element: Element) => {
    if (element.tagName === 'link') {
      const rel = (readAttribute(element, 'rel') ?? '').toLowerCase().split(/\s+/)
      const href = readAttribute(element, 'href')
      if (rel.includes('stylesheet') && href) stylesheets.push(href)
    } else if (element.tagName === 'script') {
      const text = element.children.map((child) => (child.type === 'text' ? child.value : '')).join('')
      scripts.push({
        src: readAttribute(element, 'src'),
        type: readAttribute(element, 'type')?.toLowerCase(),
        text,
        noModule: readAttribute(element, 'noModule') !== undefined,
      })
    }
  })
  return { stylesheets: [...new Set(stylesheets)], scripts }
}

/**
 * Whether a script is the framework's: an external one under /_next/, or an inline one that is neither
 * data (JSON-LD) nor one of our own constants (`ourInlineScripts`: the INLINE_SCRIPTS of the
 * lib/inline-scripts.mjs the site was built with, its theme script and speculation rules).
 */
export function isFrameworkScript(script: ScriptRef, pageUrl: string, ourInlineScripts: readonly string[]): boolean {
  if (script.src !== undefined) return new URL(script.src, pageUrl).pathname.startsWith('/_next/')
  if (script.type && DATA_SCRIPT_TYPES.has(script.type)) return false
  return !ourInlineScripts.includes(script.text)
}

/** The file under `siteDir` that a site path is served from (a folder's index.html). */
export function resolveSiteFile(siteDir: string, path: string): string {
  const pathname = decodeURIComponent(new URL(path, 'http://site.invalid/').pathname)
  const file = join(siteDir, pathname)
  if (!file.startsWith(siteDir)) throw new Error(`${path} climbs out of ${siteDir}.`)
  return pathname.endsWith('/') || statSync(file, { throwIfNoEntry: false })?.isDirectory() ? join(file, 'index.html') : file
}

function readSiteFile(siteDir: string, path: string, page: string): Buffer {
  try {
    return readFileSync(resolveSiteFile(siteDir, path))
  } catch (error) {
    throw new Error(`${page} references ${path}, which is not in ${siteDir} (${(error as Error).message}); the bench weighs only what was built.`)
  }
}

/**
 * Weighs the page at site path `pagePath` in the built folder `siteDir` and everything it loads;
 * `ourInlineScripts` are the inline scripts that are ours (see isFrameworkScript).
 */
export function measurePageWeight(siteDir: string, pagePath: string, ourInlineScripts: readonly string[]): PageWeight {
  const pageUrl = new URL(pagePath, 'http://site.invalid/').href
  const body = readSiteFile(siteDir, pagePath, pagePath)
  const assets = findAssets(body.toString('utf8'))
  const local = (href: string) => {
    const url = new URL(href, pageUrl)
    if (url.origin !== 'http://site.invalid') throw new Error(`${pagePath} loads ${href} from another origin; the bench weighs local files only.`)
    return url.pathname
  }
  const css = assets.stylesheets.map((href) => weigh(readSiteFile(siteDir, local(href), pagePath))).reduce(add, ZERO)
  const external = assets.scripts.filter((script) => script.src !== undefined && !script.noModule)
  const js = external.map((script) => weigh(readSiteFile(siteDir, local(script.src as string), pagePath))).reduce(add, ZERO)
  const framework = assets.scripts.filter((script) => isFrameworkScript(script, pageUrl, ourInlineScripts))
  const frameworkBytes = framework
    .map((script) => (script.src !== undefined ? weigh(readSiteFile(siteDir, local(script.src), pagePath)) : weigh(Buffer.from(script.text))))
    .reduce(add, ZERO)
  const html = weigh(body)
  return { html, css, js, firstVisit: add(add(html, css), js), framework: { scripts: framework.length, bytes: frameworkBytes } }
}
