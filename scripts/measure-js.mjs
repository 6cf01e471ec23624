#!/usr/bin/env node
/**
 * How much JavaScript each page type loads, from the production build (run `npm run build` first):
 * every <script src> of the prerendered HTML, gzipped, split into the framework's (Next and React) and
 * ours (chunks holding our client components). Prints a Markdown table; `--json` prints JSON.
 *   node scripts/measure-js.mjs [.next]
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

/** Strings only our client components contain: the theme toggle's label and the search box's input id. */
const OUR_CODE_MARKERS = ['Switch to ', 'search-input']

/** One prerendered page of each type, by its file under .next/server/app. */
const PAGE_TYPES = {
  home: 'index.html',
  post: '2018/06/backpressure-in-practice-keeping-fast-producers-from-killing-slow-consumers.html',
  'tag page': 'tags/kafka.html',
  'tag index': 'tags.html',
  'date listing': 'posts.html',
  year: '2018.html',
  month: '2018/06.html',
  'not found': '_not-found.html',
  search: 'search.html',
}

/** Script bytes per page type: { page, file, scripts, totalGzip, oursGzip, frameworkGzip }. */
export function measurePageJs(buildDir = '.next') {
  return Object.entries(PAGE_TYPES).map(([page, file]) => {
    const htmlPath = join(buildDir, 'server', 'app', file)
    if (!existsSync(htmlPath)) throw new Error(`${htmlPath} is missing: run npm run build first.`)
    const html = readFileSync(htmlPath, 'utf8')
    const sources = [...new Set([...html.matchAll(/<script[^>]+src="(\/_next\/static\/[^"]+\.js)"/g)].map(([, src]) => src))]
    let totalGzip = 0
    let oursGzip = 0
    for (const src of sources) {
      const code = readFileSync(join(buildDir, src.replace('/_next/', '')))
      const gzipped = gzipSync(code, { level: 9 }).length
      totalGzip += gzipped
      if (OUR_CODE_MARKERS.some((marker) => code.includes(marker))) oursGzip += gzipped
    }
    // The inline scripts (RSC payload and our theme script) are part of the HTML, counted with the page's bytes.
    return { page, file, scripts: sources.length, totalGzip, oursGzip, frameworkGzip: totalGzip - oursGzip }
  })
}

const isMain = import.meta.url === `file://${process.argv[1]}`
if (isMain) {
  const rows = measurePageJs(process.argv.find((arg, index) => index > 1 && !arg.startsWith('--')) ?? '.next')
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(rows, null, 2))
  } else {
    const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`
    console.log('| page type | scripts | JS gzipped | framework | ours |')
    console.log('| --- | ---: | ---: | ---: | ---: |')
    for (const row of rows) console.log(`| ${row.page} | ${row.scripts} | ${kb(row.totalGzip)} | ${kb(row.frameworkGzip)} | ${kb(row.oursGzip)} |`)
  }
}
