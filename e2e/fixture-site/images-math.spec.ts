import { expect, test, type APIRequestContext, type Locator } from '@playwright/test'

const BUNDLE = '/2026/02/harbour-photos/'
const MATH = '/2026/02/math-notation/'
const SITE = 'https://blog.turboawesome.win'

/** The URLs of a srcset attribute, without their width descriptors. */
function srcsetUrls(srcset: string | null): string[] {
  return (srcset ?? '')
    .split(',')
    .map((candidate) => candidate.trim().split(/\s+/)[0]!)
    .filter(Boolean)
}

/** Asserts that every URL answers 200 with this content type and a non-empty body. */
async function expectServed(request: APIRequestContext, urls: readonly string[], type: string) {
  for (const url of urls) {
    const response = await request.get(url)
    expect(response.status(), url).toBe(200)
    expect(response.headers()['content-type'], url).toContain(type)
    expect((await response.body()).length, url).toBeGreaterThan(0)
  }
}

async function sourceOf(picture: Locator, type: string): Promise<string[]> {
  return srcsetUrls(await picture.locator(`source[type="${type}"]`).getAttribute('srcset'))
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('a bundle post’s images are pictures: AVIF and WebP srcsets, sizes set, lazy except the first, every URL served', async ({ page, request }) => {
    await page.goto(BUNDLE)
    const pictures = await page.locator('.prose picture').all()
    // The photo and the chart beside index.mdx, and the figure from public/.
    expect(pictures).toHaveLength(3)
    const expected = [
      { alt: 'A harbour at dusk, blue water under a warm sky', width: '1440', height: '960', fallback: 'image/jpeg', name: 'photo' },
      { alt: 'A chart of tide heights over one day', width: '800', height: '500', fallback: 'image/png', name: 'chart' },
      { alt: 'A tiny gradient diagram', width: '64', height: '32', fallback: 'image/png', name: 'diagram' },
    ]
    for (const [index, picture] of pictures.entries()) {
      const want = expected[index]!
      const img = picture.locator('img')
      await expect(img).toHaveAttribute('alt', want.alt)
      await expect(img).toHaveAttribute('width', want.width)
      await expect(img).toHaveAttribute('height', want.height)
      if (index === 0) await expect(img).not.toHaveAttribute('loading', /.*/)
      else await expect(img).toHaveAttribute('loading', 'lazy')
      const avif = await sourceOf(picture, 'image/avif')
      const webp = await sourceOf(picture, 'image/webp')
      expect(avif.length, want.name).toBeGreaterThan(0)
      expect(avif.every((url) => url.startsWith(`/img/${want.name}.`) && url.endsWith('.avif'))).toBe(true)
      expect(webp.every((url) => url.startsWith(`/img/${want.name}.`) && url.endsWith('.webp'))).toBe(true)
      const fallback = [(await img.getAttribute('src'))!, ...srcsetUrls(await img.getAttribute('srcset'))]
      await expectServed(request, avif, 'image/avif')
      await expectServed(request, webp, 'image/webp')
      await expectServed(request, fallback, want.fallback)
      // The image the browser chose really loaded (lazy ones once scrolled to).
      await img.scrollIntoViewIfNeeded()
      await expect.poll(() => img.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth > 0)).toBe(true)
    }
    // The photo has three widths: a phone does not download the 1440 px file.
    expect(await sourceOf(pictures[0]!, 'image/avif')).toHaveLength(3)
    // The relative files never appear as URLs of the site.
    expect((await request.get(`${BUNDLE}photo.jpg`)).status()).toBe(404)
  })

  test('math is typeset into the page with KaTeX’s CSS and fonts from this site, and no script', async ({ page, request }) => {
    const scripts: string[] = []
    page.on('request', (sent) => {
      if (sent.resourceType() === 'script') scripts.push(sent.url())
    })
    await page.goto(MATH)
    const stylesheet = page.locator('link[rel="stylesheet"][href*="/katex/"]')
    await expect(stylesheet).toHaveCount(1)
    const href = (await stylesheet.getAttribute('href'))!
    expect(href).toMatch(/^\/katex\/\d+\.\d+\.\d+\/katex\.min\.css$/)
    const css = await request.get(href)
    expect(css.status()).toBe(200)
    expect(css.headers()['content-type']).toContain('text/css')
    const fonts = [...(await css.text()).matchAll(/url\((fonts\/[^)]+)\)/g)].map((match) => new URL(match[1]!, new URL(href, SITE)).pathname)
    expect(fonts.length).toBeGreaterThan(10)
    expect(fonts.every((font) => font.endsWith('.woff2'))).toBe(true)
    await expectServed(request, fonts.slice(0, 3), 'font/woff2')

    await expect(page.locator('.prose .katex')).toHaveCount(5)
    await expect(page.locator('.prose .katex-display')).toHaveCount(1)
    await expect(page.locator('.prose .katex-display math[display="block"] mfrac').first()).toBeAttached()
    // KaTeX's own font is what renders the formula: the stylesheet and its fonts loaded.
    await expect
      .poll(() => page.evaluate(() => document.fonts.check('1em KaTeX_Main') && getComputedStyle(document.querySelector('.katex')!).fontFamily))
      .toContain('KaTeX_Main')
    // Typeset at build time: nothing of KaTeX's runs in the browser (other scripts are the build's business).
    expect(scripts.filter((url) => /katex|math/i.test(url))).toEqual([])
    await expect(page.locator('script[src*="katex"]')).toHaveCount(0)
  })

  test('pages without math do not link KaTeX’s CSS', async ({ page }) => {
    for (const path of [BUNDLE, '/', '/2026/03/special-characters/', '/tags/test-fixtures/']) {
      await page.goto(path)
      await expect(page.locator('link[href*="katex"]'), path).toHaveCount(0)
    }
  })
})

test('feeds carry the math as MathML only and the images with absolute processed URLs', async ({ request }) => {
  const json = await (await request.get('/tags/test-fixtures/feed.json')).json()
  const items = json.items as { url: string; content_html: string }[]
  const math = items.find((item) => item.url === `${SITE}${MATH}`)!
  expect(math.content_html).toContain('<math xmlns="http://www.w3.org/1998/Math/MathML"')
  expect(math.content_html).toContain('<annotation encoding="application/x-tex">L = \\lambda W</annotation>')
  expect(math.content_html).not.toContain('katex-html')

  const bundle = items.find((item) => item.url === `${SITE}${BUNDLE}`)!
  const urls = [...bundle.content_html.matchAll(/ (?:src|srcset)="([^"]+)"/g)].flatMap((match) => srcsetUrls(match[1]!))
  expect(urls.length).toBeGreaterThan(10)
  for (const url of urls) expect(url).toMatch(/^https:\/\/blog\.turboawesome\.win\/img\/[a-z-]+\.[0-9a-f]{16}\.\d+\.(avif|webp|jpg|png)$/)
  await expectServed(
    request,
    urls.filter((url) => url.endsWith('.jpg')).map((url) => new URL(url).pathname),
    'image/jpeg',
  )
})

test('Open Graph leads with the absolute URL of the post’s first processed image', async ({ page, request }) => {
  await page.goto(BUNDLE)
  const images = await page.locator('meta[property="og:image"]').evaluateAll((metas) => metas.map((meta) => meta.getAttribute('content')))
  expect(images[0]).toMatch(/^https:\/\/blog\.turboawesome\.win\/img\/photo\.[0-9a-f]{16}\.1440\.jpg$/)
  expect(images).toContain(`${SITE}${BUNDLE}og.png`)
  await expectServed(request, [new URL(images[0]!).pathname], 'image/jpeg')
})
