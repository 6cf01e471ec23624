#!/usr/bin/env node
/**
 * Renders deploy/nginx.conf for one static export and writes the maps it includes:
 *
 *   node deploy/render-nginx.mjs --root out --listen 8080 --dest /etc/nginx/conf.d
 *
 * writes blog.conf (the template with its placeholders filled in), blog-csp.map (each HTML file's
 * Content-Security-Policy, hashing its inline scripts) and blog-aliases.map (301s for alias pages).
 * scripts/serve-static.mjs uses it to serve out/ for the end-to-end tests.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildPageCsp, buildPageCspFor, NON_HTML_CSP, SEARCH_ENGINE_CSP } from '../lib/http-security.mjs'

const TEMPLATE = join(dirname(fileURLToPath(import.meta.url)), 'nginx.conf')

/** Every file under a folder, as paths relative to it with "/" separators. */
function listFiles(root, folder = root) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name)
    if (entry.isDirectory()) return listFiles(root, path)
    return entry.isFile() ? [relative(root, path).split(sep).join('/')] : []
  })
}

/** A value nginx reads as one double-quoted string; anything else would be a configuration injection. */
function quote(value) {
  if (/["\\$\r\n\t{}]/.test(value)) {
    throw new Error(`Cannot write ${JSON.stringify(value)} into the nginx configuration: it contains a quote, backslash, $, brace or line break.`)
  }
  return `"${value}"`
}

/**
 * The redirect target of an alias page: an HTML file whose only job is <meta http-equiv="refresh" content="0; url=…">.
 * Undefined for any other page.
 */
export function getAliasTarget(html) {
  const match = /<meta\s+http-equiv=["']?refresh["']?\s+content=["']\s*0\s*;\s*url=([^"']+)["']/i.exec(html)
  if (!match?.[1] || /<article\b/i.test(html)) return undefined
  return match[1].trim()
}

/** The URL path that serves an exported file: "tags/go/index.html" -> "/tags/go/". */
function urlPathOf(file) {
  return `/${file}`.replace(/(^|\/)index\.html$/, '$1')
}

/**
 * The two maps for an export: the CSP of each HTML file (keyed by the file, which is nginx's $uri once the
 * index module has run) and the alias redirects (keyed by the requested path).
 */
export function buildNginxMaps(root) {
  const csp = [
    'map $uri $blog_csp {',
    `    default ${quote(NON_HTML_CSP)};`,
    `    ~^/pagefind/ ${quote(SEARCH_ENGINE_CSP)};`,
    `    ~\\.html$ ${quote(buildPageCsp([]))};`,
  ]
  const aliases = ['map $uri $blog_alias {', '    default "";']
  for (const file of listFiles(root)
    .filter((name) => name.endsWith('.html'))
    .sort()) {
    const html = readFileSync(join(root, file), 'utf8')
    csp.push(`    ${quote(`/${file}`)} ${quote(buildPageCspFor(html))};`)
    const target = getAliasTarget(html)
    if (target !== undefined) {
      const from = urlPathOf(file)
      aliases.push(`    ${quote(from)} ${quote(target)};`)
      if (from.endsWith('/') && from !== '/') aliases.push(`    ${quote(from.slice(0, -1))} ${quote(target)};`)
    }
  }
  return { csp: `${csp.join('\n')}\n}\n`, aliases: `${aliases.join('\n')}\n}\n` }
}

/** Writes blog.conf, blog-csp.map and blog-aliases.map into `dest`; returns the path of blog.conf. */
export function renderNginx({ root, listen, dest }) {
  const absoluteRoot = resolve(root)
  const absoluteDest = resolve(dest)
  readFileSync(join(absoluteRoot, 'index.html')) // fails early, naming the file, when there is no export
  mkdirSync(absoluteDest, { recursive: true })
  const maps = buildNginxMaps(absoluteRoot)
  writeFileSync(join(absoluteDest, 'blog-csp.map'), maps.csp)
  writeFileSync(join(absoluteDest, 'blog-aliases.map'), maps.aliases)
  const conf = readFileSync(TEMPLATE, 'utf8')
    .replaceAll('__BLOG_ROOT__', absoluteRoot)
    .replaceAll('__BLOG_LISTEN__', String(listen))
    .replaceAll('__BLOG_MAPS__', absoluteDest)
  const site = join(absoluteDest, 'blog.conf')
  writeFileSync(site, conf)
  return site
}

function readOptions(argv) {
  const options = {}
  for (let index = 0; index < argv.length; index += 2) {
    const name = argv[index]?.replace(/^--/, '')
    const value = argv[index + 1]
    if (!name || value === undefined || !['root', 'listen', 'dest'].includes(name)) {
      throw new Error(
        `Unknown or incomplete option ${JSON.stringify(argv[index])}; use --root <export folder> --listen <port or address:port> --dest <folder>.`,
      )
    }
    options[name] = value
  }
  const missing = ['root', 'listen', 'dest'].filter((name) => !options[name])
  if (missing.length > 0) throw new Error(`Missing ${missing.map((name) => `--${name}`).join(', ')}; use --root out --listen 8080 --dest /etc/nginx/conf.d.`)
  return options
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const site = renderNginx(readOptions(process.argv.slice(2)))
  console.log(`Wrote ${site} and its maps; check with nginx -t, then nginx -s reload.`)
}
