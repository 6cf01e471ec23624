/** What one page costs a reader: its HTML, and the CSS and JS it links, plain and gzipped. */
import { gzipSync } from 'node:zlib'

export type Weight = { plain: number; gzip: number }
export type PageWeight = {
  html: Weight
  /** The part of the HTML that is inline <script> (Next's RSC payload, for example). */
  inlineScript: Weight
  css: Weight
  js: Weight
  /** All three, as a first visit with an empty cache transfers them. */
  total: Weight
}

function weigh(text: Buffer): Weight {
  return { plain: text.length, gzip: gzipSync(text, { level: 6 }).length }
}

function add(a: Weight, b: Weight): Weight {
  return { plain: a.plain + b.plain, gzip: a.gzip + b.gzip }
}

async function download(url: string): Promise<Buffer> {
  const response = await fetch(url)
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}; the bench needs every page it weighs to exist.`)
  return Buffer.from(await response.arrayBuffer())
}

/** The URLs of the stylesheets and external scripts an HTML page loads, resolved against the page. */
export function findAssets(html: string, pageUrl: string): { css: string[]; js: string[] } {
  const resolve = (href: string) => new URL(href.replace(/&amp;/g, '&'), pageUrl).href
  const css = [...html.matchAll(/<link\b[^>]*>/g)]
    .map(([tag]) => tag)
    .filter((tag) => /\brel="stylesheet"/.test(tag))
    .flatMap((tag) => /\bhref="([^"]+)"/.exec(tag)?.[1] ?? [])
  // noModule scripts are polyfills that browsers with ES modules (all current ones) never download.
  const js = [...html.matchAll(/<script\b[^>]*>/g)]
    .map(([tag]) => tag)
    .filter((tag) => !/\bnomodule\b/i.test(tag))
    .flatMap((tag) => /\bsrc="([^"]+)"/.exec(tag)?.[1] ?? [])
  return { css: [...new Set(css)].map(resolve), js: [...new Set(js)].map(resolve) }
}

/** Weighs the page at `url` and everything it links; gzip at level 6, as nginx and Next compress. */
export async function measurePageWeight(url: string): Promise<PageWeight> {
  const body = await download(url)
  const html = body.toString('utf8')
  const inline = Buffer.from([...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(([, code]) => code).join(''))
  const assets = findAssets(html, url)
  const zero: Weight = { plain: 0, gzip: 0 }
  const css = (await Promise.all(assets.css.map(download))).map(weigh).reduce(add, zero)
  const js = (await Promise.all(assets.js.map(download))).map(weigh).reduce(add, zero)
  const htmlWeight = weigh(body)
  return { html: htmlWeight, inlineScript: weigh(inline), css, js, total: add(add(htmlWeight, css), js) }
}
