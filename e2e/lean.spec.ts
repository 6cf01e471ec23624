import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { expect, test } from '@playwright/test'
import type { Element, Root, RootContent } from 'hast'
import rehypeParse from 'rehype-parse'
import { unified } from 'unified'
import { NODE_ONLY } from './servers'

/**
 * Pages as light as Hugo's: no framework JavaScript reaches a reader. These read what ships, out/, and the
 * pages as served.
 */
const ROOT = join(__dirname, '..')
const OUT = join(ROOT, 'out')

function walk(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(folder, entry.name)) : [relative(OUT, join(folder, entry.name)).split(sep).join('/')],
  )
}

function findElements(node: Root | RootContent, tagName: string): Element[] {
  if (node.type !== 'root' && node.type !== 'element') return []
  const own = node.type === 'element' && node.tagName === tagName ? [node] : []
  return [...own, ...node.children.flatMap((child) => findElements(child, tagName))]
}

test('every page of out/ carries only JSON-LD, speculation rules and the scripts marked as ours', { tag: NODE_ONLY }, () => {
  const pages = walk(OUT).filter((file) => file.endsWith('.html'))
  expect(pages.length).toBeGreaterThan(40)
  const parser = unified().use(rehypeParse)
  for (const page of pages) {
    const html = readFileSync(join(OUT, page), 'utf8')
    expect(html, page).not.toMatch(/__next_f|__next_s|self\.__next/)
    const tree = parser.parse(html)
    for (const script of findElements(tree, 'script')) {
      const type = String(script.properties.type ?? '')
      const allowed = type === 'application/ld+json' || type === 'speculationrules' || script.properties.dataBlogScript !== undefined
      expect(allowed, `${page}: a script that is not on the allowlist: ${JSON.stringify(script.properties)}`).toBe(true)
      if (script.properties.src !== undefined) expect(String(script.properties.src), page).not.toMatch(/^\/_next\//)
    }
    for (const link of findElements(tree, 'link')) {
      const rel = String(link.properties.rel ?? '')
      expect(rel === 'modulepreload' || (rel === 'preload' && link.properties.as === 'script'), `${page}: a script preload`).toBe(false)
    }
  }
})

test('out/ holds no RSC payloads and no framework JavaScript, and no module of ours is a client component', { tag: NODE_ONLY }, () => {
  const files = walk(OUT)
  expect(files.filter((file) => file.endsWith('.txt'))).toEqual(['robots.txt'])
  expect(files.filter((file) => file.startsWith('_next/') && /\.m?js$/.test(file))).toEqual([])
  const ours = ['app', 'lib'].flatMap((folder) =>
    readdirSync(join(ROOT, folder), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && /\.(tsx?|mjs)$/.test(entry.name))
      .map((entry) => join(entry.parentPath, entry.name)),
  )
  expect(ours.length).toBeGreaterThan(20)
  for (const file of ours) expect(readFileSync(file, 'utf8'), file).not.toMatch(/^\s*['"]use client['"]/m)
})

test('next build makes no per-segment prefetch data, which only the client router it does not ship would read', { tag: NODE_ONLY }, () => {
  // What the build prerendered, as Next records it beside its export: a page's .meta lists its segment files.
  const prerendered = join(ROOT, '.next', 'server', 'app')
  const entries = readdirSync(prerendered, { recursive: true, withFileTypes: true })
  const metas = entries.filter((entry) => entry.isFile() && entry.name.endsWith('.meta'))
  expect(metas.length).toBeGreaterThan(40)
  for (const meta of metas) {
    const file = join(meta.parentPath, meta.name)
    expect((JSON.parse(readFileSync(file, 'utf8')) as { segmentPaths?: string[] }).segmentPaths, file).toBeUndefined()
  }
  expect(entries.filter((entry) => entry.isDirectory() && entry.name.endsWith('.segments')).map((entry) => entry.name)).toEqual([])
})

test('next build measures no segments for the client router it does not ship to fetch together', { tag: NODE_ONLY }, () => {
  // With experimental.prefetchInlining on (Next's default), every prerender rendered each segment's prefetch
  // data again and gzipped it to size it, and the build recorded the result per route here.
  const hints = JSON.parse(readFileSync(join(ROOT, '.next', 'server', 'prefetch-hints.json'), 'utf8')) as Record<string, unknown>
  expect(hints).toEqual({})
})

test('a first visit downloads no framework JavaScript: the only script file is our 1 KB theme toggle', async ({ page }) => {
  const scripts = new Set<string>()
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.add(new URL(request.url()).pathname)
  })
  for (const path of ['/', '/2018/06/backpressure-in-practice-keeping-fast-producers-from-killing-slow-consumers/', '/tags/go/', '/no/such/page/']) {
    await page.goto(path, { waitUntil: 'networkidle' })
    await expect(page.locator('.theme-toggle'), `${path}: public/theme.js ran`).toBeVisible()
  }
  expect([...scripts]).toEqual(['/theme.js'])
  const toggle = await page.request.get('/theme.js', { headers: { 'Accept-Encoding': 'identity' } })
  expect((await toggle.body()).length).toBeLessThan(1500)
})

test('a hovered post link is prefetched, and the click uses the prefetch without asking the server again', async ({ page }) => {
  const session = await page.context().newCDPSession(page)
  await session.send('Preload.enable')
  const statuses: { url: string; status: string }[] = []
  session.on('Preload.prefetchStatusUpdated', (event) => statuses.push({ url: event.prefetchUrl, status: event.prefetchStatus ?? event.status }))
  const documents: string[] = []
  page.on('request', (request) => {
    if (request.resourceType() === 'document') documents.push(new URL(request.url()).pathname)
  })
  await page.goto('/')
  const link = page.getByRole('article').first().getByRole('heading').getByRole('link')
  const href = (await link.getAttribute('href'))!
  await link.hover()
  await expect
    .poll(() => statuses.some((entry) => new URL(entry.url).pathname === href && entry.status === 'PrefetchSuccessfulButNotUsed'), { timeout: 10_000 })
    .toBe(true)
  await link.click()
  await expect(page).toHaveURL(new RegExp(`${href}$`))
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  await expect.poll(() => statuses.some((entry) => new URL(entry.url).pathname === href && entry.status === 'PrefetchResponseUsed')).toBe(true)
  expect(
    documents.filter((path) => path === href),
    'the page was fetched once, by the prefetch',
  ).toHaveLength(1)
})

test('a favicon, app icons, a web app manifest and theme colours for both themes', async ({ page, request }) => {
  const errors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  await page.goto('/', { waitUntil: 'networkidle' })
  expect(errors, 'no error in the console (a missing favicon was one)').toEqual([])
  const favicon = await request.get('/favicon.ico')
  expect(favicon.status()).toBe(200)
  expect(favicon.headers()['content-type']).toBe('image/x-icon')
  const icons = await page.locator('link[rel="icon"], link[rel="apple-touch-icon"]').evaluateAll((links) => links.map((link) => link.getAttribute('href')!))
  expect(icons.length).toBeGreaterThanOrEqual(2)
  for (const icon of icons) expect((await request.get(icon)).status(), icon).toBe(200)
  await expect(page.locator('meta[name="theme-color"][media="(prefers-color-scheme: light)"]')).toHaveAttribute('content', '#ffffff')
  await expect(page.locator('meta[name="theme-color"][media="(prefers-color-scheme: dark)"]')).toHaveAttribute('content', '#111418')
  const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href')
  const manifest = await request.get(manifestHref!)
  expect(manifest.headers()['content-type']).toMatch(/^application\/manifest\+json/)
  const { name, icons: manifestIcons } = (await manifest.json()) as { name: string; icons: { src: string }[] }
  expect(name).toBe('Bits, Trades & Systems')
  for (const icon of manifestIcons) expect((await request.get(icon.src)).status(), icon.src).toBe(200)
})

test('the home page and the listings declare a share image that exists', async ({ page, request }) => {
  for (const path of ['/', '/posts/', '/tags/', '/2018/']) {
    await page.goto(path)
    const image = await page.locator('meta[property="og:image"]').first().getAttribute('content')
    expect(image, path).toBe('https://blog.turboawesome.win/og.png')
    await expect(page.locator('meta[name="twitter:card"]'), path).toHaveAttribute('content', 'summary_large_image')
  }
  const png = await request.get('/og.png')
  expect(png.status()).toBe(200)
  expect(png.headers()['content-type']).toBe('image/png')
})
