import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { defineDocumentType, makeSource } from 'contentlayer2/source-files'
import { checkContentFolder } from './lib/content-check'
import { formatContentProblems, readBuildClock } from './lib/content-rules'
import { imageStats } from './lib/images'
import { MDX_OPTIONS } from './lib/mdx/compile-options'
import { renderPostOnce } from './lib/mdx/render-html'
import { compileSamplePost } from './lib/mdx/warm-up'

/** The folder holding posts/; tests point it at a temporary folder. */
const contentDirPath = process.env.CONTENT_DIR || 'content'

/** `contentlayer2 dev` shows drafts and scheduled posts; a build leaves them out. */
const isDev = process.argv.slice(2).includes('dev')

// Check every post before compiling any, so an author sees every mistake at once, named by file and field.
// `contentlayer2 dev` keeps running (the author fixes the file and saves); a build stops here, before it
// writes anything, with just our message (a thrown error would be printed twice inside a stack dump).
const contentCheckKey = Symbol.for('bits-trades-systems.content-check')
const contentCheck = checkContentOnce(contentDirPath)
if (contentCheck.problems.length > 0) {
  console.error(formatContentProblems(contentCheck.problems))
  if (!isDev) process.exit(1)
}

/**
 * checkContentFolder, reused while no file it reads has changed. contentlayer2 imports this config twice in
 * one `contentlayer2 build` (each import a fresh module, hence globalThis), and the check parsed every post
 * body: at 1,000 posts that second, identical check was 3 s of a warm build. Between builds, the check keeps
 * what it parsed by each file's content in .contentlayer/.cache/content-check.json and parses only files whose
 * text changed.
 */
function checkContentOnce(dir: string): ReturnType<typeof checkContentFolder> {
  const key = [dir, process.env.BLOG_NOW ?? '', ...[dir, 'public'].flatMap(fingerprintFiles)].join('\n')
  const memo = globalThis as typeof globalThis & { [contentCheckKey]?: { key: string; result: ReturnType<typeof checkContentFolder> } }
  if (memo[contentCheckKey]?.key === key) return memo[contentCheckKey].result
  const result = checkContentFolder(dir, readBuildClock(), join(process.cwd(), '.contentlayer', '.cache', 'content-check.json'))
  memo[contentCheckKey] = { key, result }
  return result
}
/** Every file under `dir` as "path size mtime", so any edit, addition or removal changes the list. */
function fingerprintFiles(dir: string): string[] {
  let entries
  try {
    entries = readdirSync(dir, { withFileTypes: true, recursive: true })
  } catch {
    return []
  }
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const path = join(entry.parentPath, entry.name)
      const stats = statSync(path)
      return `${path} ${stats.size} ${stats.mtimeMs}`
    })
}

export const Post = defineDocumentType(() => ({
  name: 'Post',
  // A post is content/posts/<slug>.mdx, or a bundle content/posts/<slug>/index.mdx with its images beside it.
  filePathPattern: 'posts/**/*.mdx',
  contentType: 'mdx',
  // lib/posts.ts validates these beyond presence and derives the slug, permalink and tag slugs.
  fields: {
    title: { type: 'string', required: true, description: 'The headline, as shown on the page and in feeds.' },
    // A string, not contentlayer's `date`: that type converts to UTC and loses the offset
    // that decides the permalink's year and month (lib/dates.ts explains why).
    date: { type: 'string', required: true, description: 'ISO 8601 with an offset: 2025-04-16T13:12:00+00:00' },
    description: { type: 'string', required: true, description: 'One or two sentences for lists, feeds and search engines.' },
    tags: { type: 'list', of: { type: 'string' }, required: true, description: 'One or more tag slugs.' },
    draft: { type: 'boolean', default: false, description: 'Hidden from production builds when true.' },
    updated: { type: 'string', required: false, description: 'Last significant edit, ISO 8601 with an offset.' },
    slug: { type: 'string', required: false, description: 'Overrides the file name as the last URL segment.' },
    aliases: { type: 'list', of: { type: 'string' }, required: false, description: 'Old paths that redirect here.' },
  },
  computedFields: {
    html: {
      type: 'string',
      description: 'The body rendered once, at content build time, images processed and math as MathML; feeds and search use it, and pages without math.',
      resolve: async (post) => {
        const rendered = render(post)
        dropCompiledCode(post)
        return (await rendered).html
      },
    },
    mathHtml: {
      type: 'string',
      description: 'The page body of a post with math (KaTeX HTML beside the MathML, shown with KaTeX CSS); empty without math.',
      resolve: async (post) => (await render(post)).mathHtml,
    },
    image: {
      type: 'string',
      description: 'Site-root URL of the processed first image (in its own format) for Open Graph and feeds; empty without images.',
      resolve: async (post) => (await render(post)).image,
    },
    wordCount: {
      type: 'number',
      resolve: (post) => post.body.raw.split(/\s+/).filter(Boolean).length,
    },
  },
}))

type CompiledPost = { body: { code?: string; raw: string }; _raw: { sourceFilePath: string } }

/** Renders a post once for all its computed fields; relative images resolve against its file. */
function render(post: CompiledPost) {
  return renderPostOnce(post.body.code, post.body.raw, join(contentDirPath, post._raw.sourceFilePath))
}

/**
 * Removes the compiled MDX from the document once its rendering has started: the computed fields are the
 * only readers of `body.code` (pages, feeds and search read `html`). It was 45% of every document, and so of
 * the content step's memory (near 2 GiB at 5,000 posts), of the generated JSON and of contentlayer's cache.
 * The other computed fields get the same rendering from renderPostOnce, which knows a post by its source.
 */
function dropCompiledCode(post: CompiledPost): void {
  delete post.body.code
}

/**
 * Written after every pass, once contentlayer has written all the posts. Under `next dev`,
 * lib/content-source.ts reads it on each request to know when to read the posts again, and
 * app/dev-content-events/route.dev.ts tells open pages. A build writes a fixed value (nothing reads it).
 */
function recordGeneration(): Promise<void> {
  if (imageStats.images > 0) {
    const { images, encoded, cached, milliseconds } = imageStats
    console.log(`Images: ${images} processed (${encoded} variants encoded, ${cached} from the cache) in ${Math.round(milliseconds)} ms summed over images`)
    Object.assign(imageStats, { images: 0, encoded: 0, cached: 0, milliseconds: 0 })
  }
  const file = join(process.cwd(), '.contentlayer', 'generation.json')
  mkdirSync(join(process.cwd(), '.contentlayer'), { recursive: true })
  writeFileSync(file, `${JSON.stringify({ pass: isDev ? `dev ${Date.now()}` : 'build' })}\n`)
  // A failure here is not the author's: any real problem shows again, naming its post, when a post is compiled.
  if (isDev) warmUpCompiler ??= compileSamplePost().catch(() => undefined)
  return Promise.resolve()
}

/** `contentlayer2 dev` only, once its first pass is done: lib/mdx/warm-up.ts says why. */
let warmUpCompiler: Promise<unknown> | undefined

export default makeSource({
  contentDirPath,
  // Only posts/: content/README.md is the authoring guide, not a document.
  contentDirInclude: ['posts'],
  // Unpublished posts never reach the generated data of a production build, so no bundle can leak them.
  contentDirExclude: isDev ? [] : contentCheck.unpublished,
  documentTypes: [Post],
  onMissingOrIncompatibleData: 'fail',
  onExtraFieldData: 'fail',
  disableImportAliasWarning: true,
  onSuccess: recordGeneration,
  mdx: MDX_OPTIONS,
})
