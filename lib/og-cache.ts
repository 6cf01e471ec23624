/**
 * Share cards a build has drawn before, from .next/cache/og-images/: a thousand cards are a tenth of a
 * 1,000-post build, and most never change. app/_components/og-image.tsx draws them.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { hashOf } from './build-cache.mjs'

const OG_CACHE_DIR = join(/* turbopackIgnore: true */ process.cwd(), '.next', 'cache', 'og-images')

/**
 * The PNG of `card` from the cache, drawn by `draw` and stored first if need be. The key is the card's whole
 * element tree (text, layout, colours: a production React element is plain data), its size and next's
 * version (whose satori and resvg draw it), so a changed design or an upgrade never reuses an old card.
 * The folder grows by one card per changed title; deleting .next/cache resets it.
 */
export async function readOrDrawCard(
  card: React.ReactElement,
  size: { width: number; height: number },
  draw: () => Promise<ArrayBuffer>,
  cacheDir = OG_CACHE_DIR,
): Promise<Uint8Array> {
  const key = hashOf(JSON.stringify({ card, size, next: readNextVersion() }))
  const file = join(cacheDir, `${key}.png`)
  try {
    return readFileSync(file)
  } catch {
    const png = new Uint8Array(await draw())
    mkdirSync(cacheDir, { recursive: true })
    // Written whole, then renamed: the other prerender worker never reads half a card.
    writeFileSync(`${file}.${process.pid}`, png)
    renameSync(`${file}.${process.pid}`, file)
    return png
  }
}

let nextVersion: string | undefined

/** Read once per prerender worker, not once per card. */
function readNextVersion(): string {
  const file = join(/* turbopackIgnore: true */ process.cwd(), 'node_modules', 'next', 'package.json')
  nextVersion ??= (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version
  return nextVersion
}
