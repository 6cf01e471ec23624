/**
 * Reads the posts contentlayer2 generated, as data at run time, rather than through
 * `import { allPosts } from 'contentlayer/generated'`. The import makes the bundler inline every post's
 * document (raw MDX, compiled MDX and HTML, about 43 KB a post) into the server chunks, once for the pages
 * and once for proxy.ts: at 1,000 posts that was 2 × 41 MB of JavaScript plus 2 × 100 MB of source maps per
 * build, and a one-minute recompile in `next dev` after every edit (README, Benchmark). Read as data, the
 * bundles stay the same size whatever the number of posts.
 *
 * Under `next dev` the posts are read again when contentlayer2 dev has finished a pass: contentlayer.config.ts
 * rewrites the pass stamp (.contentlayer/generation.json) after each, and every request reads it. The stamp
 * is read as a file, not imported: an import made Turbopack recompile and re-evaluate the pages after every
 * save, which was most of the time from a saved post to its page served. Open pages hear of a new pass from
 * app/dev-content-events/route.dev.ts instead. Only the documents whose files changed are read and parsed
 * again: contentlayer2 dev rewrites only those (patches/@contentlayer2+core+0.5.8.patch), so an unchanged
 * size and mtime mean an unchanged document.
 * Unit tests alias this module to lib/__fixtures__/content-source.ts.
 */
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { Post as GeneratedPost } from 'contentlayer/generated'

/** A generated post without `body` (the MDX source and compiled code): contentlayer has already rendered `html`. */
export type GeneratedPostData = Omit<GeneratedPost, 'body'>

const CONTENT_BUILD_DIR = join(/* turbopackIgnore: true */ process.cwd(), '.contentlayer')
const POSTS_DIR = join(CONTENT_BUILD_DIR, 'generated', 'Post')
/** Rewritten by contentlayer.config.ts once a pass has written every post. */
export const GENERATION_FILE = join(CONTENT_BUILD_DIR, 'generation.json')
/** The pass a build writes: one content build per `npm run build`, read once. */
const BUILD_PASS = 'build'
/** The barrel contentlayer writes on every pass: it imports exactly the documents of that pass, one JSON file each. */
const BARREL_FILE = '_index.mjs'

type CachedDocument = { stamp: string; post: GeneratedPostData }

// Kept on globalThis so that it outlives the module reloads `next dev` does after each content pass:
// then an edit to one post costs one read and one JSON.parse, and the others a stat each (at 1,000 posts,
// 5 ms rather than 130 ms reading them all). Production reads once and keeps nothing.
const cacheKey = Symbol.for('bits-trades-systems.generated-posts')
type Cache = { generation: string; posts: GeneratedPostData[]; byFile: Map<string, CachedDocument> }
const globalCache = globalThis as typeof globalThis & { [cacheKey]?: Cache }

/**
 * Every post of the last content pass, in contentlayer's order. The same array is returned until a pass
 * writes the posts again. Throws, naming the fix, when there has been no content build.
 */
export function readGeneratedPosts(): GeneratedPostData[] {
  const pass = readGenerationPass()
  const cache = globalCache[cacheKey]
  if (cache?.posts && cache.generation === pass) return cache.posts
  const previous = cache?.byFile ?? new Map<string, CachedDocument>()
  const byFile = new Map<string, CachedDocument>()
  const posts = listDocumentFiles().map((file) => {
    const stamp = readStamp(file)
    const cached = previous.get(file)
    const document = cached && cached.stamp === stamp ? cached : { stamp, post: toPostData(JSON.parse(readGenerated(file)) as GeneratedPost) }
    byFile.set(file, document)
    return document.post
  })
  globalCache[cacheKey] = { generation: pass, posts, byFile: process.env.NODE_ENV === 'development' ? byFile : new Map() }
  return posts
}

let lastPassRead = BUILD_PASS

/**
 * The pass the posts on disk come from. Under `next dev` the stamp is read on each call, so a request sees a
 * new pass as soon as contentlayer has finished it; while contentlayer is rewriting it, the last one read stands.
 */
export function readGenerationPass(): string {
  if (process.env.NODE_ENV !== 'development') return BUILD_PASS
  try {
    lastPassRead = (JSON.parse(readFileSync(GENERATION_FILE, 'utf8')) as { pass: string }).pass
  } catch {
    // contentlayer is rewriting it this instant, or has not finished its first pass
  }
  return lastPassRead
}

function listDocumentFiles(): string[] {
  return [...readGenerated(BARREL_FILE).matchAll(/from '\.\/([^']+\.json)'/g)].map((match) => match[1] as string)
}

/** A generated document's size and mtime: they change whenever contentlayer writes the file. */
function readStamp(file: string): string {
  try {
    const stats = statSync(join(POSTS_DIR, file))
    return `${stats.size} ${stats.mtimeMs}`
  } catch {
    return '' // readGenerated names the problem
  }
}

function readGenerated(file: string): string {
  try {
    return readFileSync(join(POSTS_DIR, file), 'utf8')
  } catch (error) {
    throw new Error(`Cannot read the generated posts (${(error as Error).message}); run \`npx contentlayer2 build\` first.`)
  }
}

// Drop the MDX source and code (two thirds of each document): nothing reads them after the content build.
function toPostData({ body: _body, ...post }: GeneratedPost): GeneratedPostData {
  return post
}
