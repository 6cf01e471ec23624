/**
 * Reads the posts contentlayer2 generated from .contentlayer/generated/Post/_index.json at run time,
 * rather than through `import { allPosts } from 'contentlayer/generated'`. The import makes the bundler
 * inline every post's document (raw MDX, compiled MDX and HTML, about 43 KB a post) into the server
 * chunks, once for the pages and once for proxy.ts: at 1,000 posts that was 2 × 41 MB of JavaScript
 * plus 2 × 100 MB of source maps per build, and a one-minute recompile in `next dev` after every edit
 * (bench/README figures). Read as data, the bundles stay the same size whatever the number of posts.
 * Unit tests alias this module to lib/__fixtures__/content-source.ts.
 */
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { Post as GeneratedPost } from 'contentlayer/generated'

/** A generated post without `body` (the MDX source and compiled code): contentlayer has already rendered `html`. */
export type GeneratedPostData = Omit<GeneratedPost, 'body'>

const INDEX_FILE = join(/* turbopackIgnore: true */ process.cwd(), '.contentlayer', 'generated', 'Post', '_index.json')

/** Every generated post, in contentlayer's order; throws with the fix when there has been no content build. */
export function readGeneratedPosts(): GeneratedPostData[] {
  let text: string
  try {
    text = readFileSync(INDEX_FILE, 'utf8')
  } catch (error) {
    throw new Error(`Cannot read the generated posts at ${INDEX_FILE} (${(error as Error).message}); run \`npx contentlayer2 build\` first.`)
  }
  const documents = JSON.parse(text) as GeneratedPost[]
  // Drop the MDX source and code (two thirds of each document): nothing reads them after the content build.
  return documents.map(({ body: _body, ...post }) => post)
}

/** Changes whenever contentlayer writes the posts again (`contentlayer2 dev` after an edit); undefined while it is rewriting. */
export function readGeneratedVersion(): number | undefined {
  try {
    return statSync(INDEX_FILE).mtimeMs
  } catch {
    return undefined
  }
}
