/**
 * The bench's own copy of the project (as scripts/fixture-site.mjs makes one), so its builds never touch
 * the developer's .contentlayer/, .next/, .next-export/, .builds/ or out/: the same sources, the corpus
 * as content/posts, and node_modules hard-linked (Turbopack compiles nothing outside the project root,
 * so a symlinked node_modules will not do; hard links copy no data on one filesystem).
 */
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { parsePostDate } from '../lib/dates'
import { buildPermalink } from '../lib/urls'
import { writeCorpus } from './corpus'
import { writeHugoSite } from './hugo'
import { runMeasured, type RunFigures } from './measure'
import { PROJECT_FILES } from '../scripts/project-files.mjs'

/** What a build reads (scripts/project-files.mjs, shared with the e2e fixture site). */
export { PROJECT_FILES }

/** Build output folders; a cold build starts without any of them. */
export const OUTPUT_FOLDERS = ['.contentlayer', '.next', '.next-export', '.builds', 'out'] as const

/**
 * The caches a warm rebuild keeps, by name inside the output folders: contentlayer2's document cache
 * (.contentlayer/.cache), the processed-image cache (.contentlayer/images) and Next's (.next/cache, or
 * cache/ in the export's distDir). Everything else there is output and goes.
 */
const CACHE_NAMES = new Set(['.cache', 'images', 'cache'])

/** Creates `site` afresh from the project at `root`; its content/posts is emptied for the corpus. */
export function makeScratchSite(root: string, site: string): void {
  rmSync(site, { recursive: true, force: true })
  mkdirSync(site, { recursive: true })
  for (const entry of PROJECT_FILES) cpSync(join(root, entry), join(site, entry), { recursive: true })
  rmSync(join(site, 'content', 'posts'), { recursive: true, force: true })
  const link = spawnSync('cp', ['-al', join(root, 'node_modules'), join(site, 'node_modules')], { stdio: 'inherit' })
  if (link.status !== 0) cpSync(join(root, 'node_modules'), join(site, 'node_modules'), { recursive: true, verbatimSymlinks: true })
}

/**
 * Empties the build's outputs in `site`. `keepCaches` keeps the caches a rebuild reuses (a warm rebuild);
 * without it every output folder goes (a cold build). out/ and .builds/ always stay for a warm rebuild:
 * the finishing step writes a new build beside them and swaps out/ itself.
 */
export function cleanOutputs(site: string, keepCaches: boolean): void {
  for (const folder of OUTPUT_FOLDERS) {
    const path = join(site, folder)
    if (!keepCaches) {
      rmSync(path, { recursive: true, force: true })
      continue
    }
    if (folder === 'out' || folder === '.builds' || !existsSync(path)) continue
    for (const entry of readdirSync(path)) if (!CACHE_NAMES.has(entry)) rmSync(join(path, entry), { recursive: true, force: true })
  }
}

/** `npm run build`'s steps, in order, from package.json ("a && b && c" -> [a, b, c]). */
export function readBuildSteps(packageJsonFile: string): string[] {
  const { scripts } = JSON.parse(readFileSync(packageJsonFile, 'utf8')) as { scripts?: Record<string, string> }
  const build = scripts?.build
  if (!build) throw new Error(`${packageJsonFile} has no "build" script; the bench measures npm run build.`)
  const steps = build.split('&&').map((step) => step.trim())
  if (steps.some((step) => /[;|&]/.test(step))) {
    throw new Error(`${packageJsonFile}: the build script "${build}" is not a plain "a && b" chain; bench/scratch.ts cannot time its steps.`)
  }
  return steps
}

export type StepFigures = RunFigures & { command: string }

/**
 * A build step's short name: "contentlayer2 build", "next build", or a script's name ("finish-build"); the
 * environment a step sets first (`NODE_ENV=production contentlayer2 build`) is not part of its name.
 */
export function labelStep(command: string): string {
  const words = command.split(/\s+/)
  while (words.length > 1 && /^[A-Za-z_]\w*=/.test(words[0] ?? '')) words.shift()
  if (words[0] === 'node' && words[1]) return (words[1].split('/').at(-1) ?? words[1]).replace(/\.[cm]?[jt]s$/, '')
  return words.slice(0, 2).join(' ')
}

/** Two or more steps run back to back: times add up, memory is the largest peak. */
export function chainSteps(steps: readonly RunFigures[]): RunFigures {
  return {
    wallS: steps.reduce((sum, step) => sum + step.wallS, 0),
    cpuS: steps.reduce((sum, step) => sum + step.cpuS, 0),
    peakTreeRssMiB: Math.max(...steps.map((step) => step.peakTreeRssMiB)),
    maxProcessRssMiB: Math.max(...steps.map((step) => step.maxProcessRssMiB)),
  }
}

/**
 * Runs `npm run build`'s steps in `site` one by one, each measured, as npm would (node_modules/.bin on
 * PATH, through sh), so each step's share is known; the sum is the build.
 */
export async function runBuildSteps(site: string, env: Record<string, string>): Promise<StepFigures[]> {
  const path = `${join(site, 'node_modules', '.bin')}:${process.env.PATH ?? ''}`
  const figures: StepFigures[] = []
  for (const command of readBuildSteps(join(site, 'package.json'))) {
    figures.push({ command, ...(await runMeasured('sh', ['-c', command], { cwd: site, env: { ...env, PATH: path } })) })
  }
  return figures
}

/** Where the bench works: the scratch copy, the corpora's Hugo sites and the nginx folders. */
export const WORK = '/tmp/blog-bench'
/** The scratch copy of the project every build of ours runs in. */
export const SITE = join(WORK, 'site')
/** Every generated post is dated before this, so none is scheduled whatever the clock says. */
export const BLOG_NOW = '2026-12-31T00:00:00Z'
/** The real post and tag every corpus has, so the loaded pages are the same at every size. */
export const PROBE_POST = 'kafka-in-finance-what-exactly-once-actually-costs-you'
export const PROBE_TAG = 'kafka'

/**
 * Writes the corpus of `posts` posts as the scratch copy's content/posts and the Hugo site with the same
 * posts (WORK/hugo-<posts>); returns the Hugo site's folder. The scratch copy must exist (makeScratchSite).
 */
export function prepareCorpus(root: string, posts: number): string {
  const hugoDir = join(WORK, `hugo-${posts}`)
  const contentDir = join(SITE, 'content')
  writeCorpus({ count: posts, contentDir, realPostsDir: join(root, 'content', 'posts') })
  writeHugoSite({ templateDir: join(root, 'bench', 'hugo-site'), contentDir, cssFile: join(root, 'app', 'globals.css'), siteDir: hugoDir })
  return hugoDir
}

/** The permalink of the post `slug` in `postsDir`, from its date, as the site builds it. */
export function readPostPath(postsDir: string, slug: string): string {
  const source = readFileSync(join(postsDir, `${slug}.mdx`), 'utf8')
  const raw = /^date:\s*(.+)$/m.exec(source)?.[1] ?? ''
  const date = parsePostDate(raw)
  if (typeof date === 'string') throw new Error(`content/posts/${slug}.mdx: date: ${date}`)
  return buildPermalink(date, slug)
}
