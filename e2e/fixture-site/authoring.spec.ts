import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { parseFeed } from '@rowanmanning/feed-parser'

const FIXTURE_SITE = join(__dirname, '..', '..', '.fixture-site')
const SPECIAL = {
  path: '/2026/03/special-characters/',
  title: `Fish & Chips <Tags> "Quoted" 'Single' ]]> — café 🎉`,
  description: `Quotes " and ' and <b>tags</b> & ampersands ]]> — naïve 🎉`,
}

/** Every file under `dir`, recursively. */
function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? listFiles(path) : [path]
  })
}

test.describe('unpublished posts', () => {
  test('a draft and a scheduled post leave no trace in the whole build output', () => {
    const files = [...listFiles(join(FIXTURE_SITE, '.next')), ...listFiles(join(FIXTURE_SITE, '.contentlayer'))]
    expect(files.length).toBeGreaterThan(100)
    const leaks = files.filter((file) => /okapiwrangler|quokka|draft-only-tag|scheduled-only-tag/i.test(readFileSync(file, 'latin1')))
    expect(leaks).toEqual([])
  })

  test('have no page, no alias, no tag, no feed item, no sitemap entry and no neighbour link', async ({ request, page }) => {
    for (const path of [
      '/2026/01/draft-okapiwrangler/',
      '/2026/07/scheduled-quokka/',
      '/old/draft-okapiwrangler/',
      '/tags/draft-only-tag/',
      '/tags/scheduled-only-tag/index.xml',
    ]) {
      expect((await request.get(path, { maxRedirects: 0 })).status(), path).toBe(404)
    }
    for (const path of ['/index.xml', '/atom.xml', '/feed.json', '/sitemap.xml', '/tags/', '/posts/', '/tags/index.xml']) {
      expect(await (await request.get(path)).text(), path).not.toMatch(/okapiwrangler|quokka/i)
    }
    await page.goto('/2026/05/published-by-clock/')
    await expect(page.getByRole('navigation', { name: 'More posts' }).getByRole('link')).toHaveText([/Special|Fish/])
  })

  test('a post dated before the build’s clock is published', async ({ page }) => {
    await page.goto('/')
    await expect(page.getByRole('article').first().getByRole('heading')).toHaveText('Published by the Clock')
  })
})

test('aliases answer a permanent redirect to the permalink', async ({ request }) => {
  for (const alias of ['/old/special-characters/', '/posts/special-characters/']) {
    const response = await request.get(alias, { maxRedirects: 0 })
    expect(response.status(), alias).toBe(301)
    expect(new URL(response.headers()['location']!, 'http://x').pathname).toBe(SPECIAL.path)
  }
  const followed = await request.get('/old/special-characters')
  expect(followed.url()).toMatch(/\/2026\/03\/special-characters\/$/)
  // The export's _redirects is data for hosts (Netlify, Cloudflare Pages) and for both servers, never served itself.
  expect((await request.get('/_redirects')).status()).toBe(404)
  expect(readFileSync(join(__dirname, '..', '..', '.fixture-site', 'out', '_redirects'), 'utf8')).toContain(
    '/old/special-characters/ /2026/03/special-characters/ 301',
  )
})

test('the post shows its updated date, images with known sizes, a callout, a figure and a titled code block', async ({ page }) => {
  await page.goto(SPECIAL.path)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(SPECIAL.title)
  // 23:30 at -05:00 on 2 March is 3 March in UTC: the permalink and the date follow the post's own offset.
  await expect(page.locator('.post-meta time').first()).toHaveText('2 March 2026')
  await expect(page.getByText('Updated 10 March 2026')).toBeVisible()
  const images = await page.locator('.prose img').all()
  expect(images).toHaveLength(2)
  for (const [index, image] of images.entries()) {
    await expect(image).toHaveAttribute('width', '64')
    await expect(image).toHaveAttribute('height', '32')
    // The post's first image loads eagerly (it is often on screen); the rest lazily.
    if (index === 0) await expect(image).not.toHaveAttribute('loading', /.*/)
    else await expect(image).toHaveAttribute('loading', 'lazy')
    await expect(image).toHaveAttribute('alt', /gradient/)
  }
  await expect(page.getByRole('note')).toContainText('Heads up')
  await expect(page.locator('figure.figure figcaption')).toHaveText('A figure caption — with é')
  await expect(page.locator('[data-rehype-pretty-code-title]')).toHaveText('page.html')
  await expect(page.locator('pre[data-language="html"]')).toContainText('<script>alert("x & y")</script>')
})

/** The text of an HTML fragment: tags dropped, entities decoded once. */
function htmlText(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&(#x?[0-9a-f]+|amp|lt|gt|quot);/gi, (_, entity: string) =>
      entity.startsWith('#')
        ? String.fromCodePoint(parseInt(entity.slice(entity[1] === 'x' ? 2 : 1), entity[1] === 'x' ? 16 : 10))
        : ({ amp: '&', lt: '<', gt: '>', quot: '"' } as Record<string, string>)[entity.toLowerCase()]!,
    )
}

test('a title, description and body full of special characters round-trip through all three feeds', async ({ request }) => {
  for (const file of ['index.xml', 'atom.xml']) {
    const text = await (await request.get(`/tags/test-fixtures/${file}`)).text()
    const item = parseFeed(text).items[0]!
    expect(item.title, file).toBe(SPECIAL.title)
    expect(item.description, file).toBe(SPECIAL.description)
    expect(item.url, file).toBe(`https://blog.turboawesome.win${SPECIAL.path}`)
  }
  const json = await (await request.get('/tags/test-fixtures/feed.json')).json()
  const [item] = json.items
  expect(item.title).toBe(SPECIAL.title)
  expect(item.summary).toBe(SPECIAL.description)
  // The script in the code block arrives as text to show, never as a tag to run.
  expect(item.content_html).not.toMatch(/<script/i)
  expect(htmlText(item.content_html)).toContain('<script>alert("x & y")</script>')
  expect(htmlText(item.content_html)).toContain('`<script>` & ]]> — é 🎉'.replace(/`/g, ''))
  // The processed image (lib/images.ts), absolute: public/images/fixtures/diagram.png as /img/diagram.<hash>.64.png.
  expect(item.content_html).toMatch(/ src="https:\/\/blog\.turboawesome\.win\/img\/diagram\.[0-9a-f]{16}\.64\.png"/)
  expect(item.content_html).toContain('href="https://blog.turboawesome.win/2026/03/special-characters/#details"')
  expect(item.date_modified).toBe('2026-03-10T09:00:00.000Z')
})
