#!/usr/bin/env node
/**
 * After `next build` has written the static export to out/, writes an HTML page at each alias
 * listed in out/_redirects (as Hugo's alias pages do): a refresh to the post and a canonical link,
 * for static hosts that cannot redirect. Hosts that read _redirects (Netlify, Cloudflare Pages) and
 * deploy/nginx.conf answer a real 301 instead.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const OUT = process.argv[2] ?? 'out'

const escapeAttribute = (text) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')

const lines = readFileSync(join(OUT, '_redirects'), 'utf8').split('\n').filter(Boolean)
for (const line of lines) {
  const [from, to] = line.split(' ')
  if (!from?.startsWith('/') || !to?.startsWith('/') || from.includes('..')) throw new Error(`out/_redirects: cannot read "${line}"`)
  const file = join(OUT, from, 'index.html')
  if (existsSync(file)) throw new Error(`Alias ${from} would overwrite a page of the export (${file}); remove the alias.`)
  // Root-relative, so the page works on whatever host serves the export.
  const target = escapeAttribute(to)
  mkdirSync(join(OUT, from), { recursive: true })
  writeFileSync(
    file,
    `<!DOCTYPE html><html lang="en"><head><title>${target}</title><link rel="canonical" href="${target}"><meta name="robots" content="noindex"><meta charset="utf-8"><meta http-equiv="refresh" content="0; url=${target}"></head><body><p>This page has moved to <a href="${target}">${target}</a>.</p></body></html>\n`,
  )
}
console.log(`Wrote ${lines.length} alias page${lines.length === 1 ? '' : 's'} in ${OUT}/`)
