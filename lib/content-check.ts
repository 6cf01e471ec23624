/**
 * Checks every post under a content folder before contentlayer compiles anything, and reports every
 * problem at once, each naming the file, the field (or line) and the fix. contentlayer.config.ts
 * calls it when it loads, so `npm run build` stops here with one readable list.
 *
 * Parsing every body (micromark, for MDX syntax errors and image references) was about 4 s of a 1,000-post
 * build, warm or cold. What a file's text alone decides (its frontmatter as parsed, its syntax error or its
 * images) is therefore kept by the text's hash in a cache file between builds; everything else (the build
 * clock, whether each image exists, permalinks and aliases across posts, redirects.txt) is checked again
 * over every post on every build.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import matter from 'gray-matter'
import YAML from 'yaml'
import { hashOf } from './build-cache.mjs'
import { checkFrontmatter, findUrlConflicts, isUnpublishedAt, slugFromFileName, type UrlClaim } from './content-rules'
import { locateImage } from './images'
import { listImageReferences, listModuleStatementLines, parseMdxBody, type ImageReference } from './mdx/image-references'
import { buildRedirectContext, listPublicPaths, loadRedirectLines, readRedirectsFile, REDIRECTS_FILE, type SitePost } from './site-redirects'

/** All .mdx files under `dir`, sorted so reports are stable. */
function listMdxFiles(dir: string): string[] {
  let entries
  try {
    entries = readdirSync(dir, { withFileTypes: true })
  } catch {
    return []
  }
  return entries
    .flatMap((entry) => (entry.isDirectory() ? listMdxFiles(join(dir, entry.name)) : entry.name.endsWith('.mdx') ? [join(dir, entry.name)] : []))
    .sort()
}

/** What the check learns from a file's text alone: the same text always gives the same analysis. */
type FileAnalysis =
  | { yamlError: string }
  | {
      data: Record<string, unknown>
      /** The body's MDX syntax error, its line counted in the file. */
      syntaxError?: { line: number; reason: string }
      /** The body's images, their lines counted in the file. */
      images: ImageReference[]
      /** Lines of the body's import and export statements, counted in the file. */
      moduleStatements: number[]
    }

/** Parses one post file: frontmatter as contentlayer2 reads it, then the body as MDX with math. */
function analyseFile(raw: string): FileAnalysis {
  let parsed
  try {
    // The same YAML reading as contentlayer2: the `yaml` package, which leaves dates as strings.
    parsed = matter(raw, { engines: { yaml: (text: string) => YAML.parse(text) ?? {} } })
  } catch (error) {
    return { yamlError: (error as Error).message.split('\n')[0] ?? '' }
  }
  const data = parsed.data as Record<string, unknown>
  const firstBodyLine = raw.slice(0, raw.length - parsed.content.length).split('\n').length
  let tree
  try {
    tree = parseMdxBody(parsed.content)
  } catch (error) {
    const place = (error as { place?: { line?: number; start?: { line?: number } } }).place
    const line = (place?.line ?? place?.start?.line ?? 1) + firstBodyLine - 1
    return { data, syntaxError: { line, reason: (error as { reason?: string }).reason ?? String(error) }, images: [], moduleStatements: [] }
  }
  return {
    data,
    images: listImageReferences(tree).map((image) => ({ ...image, line: image.line + firstBodyLine - 1 })),
    moduleStatements: listModuleStatementLines(tree).map((line) => line + firstBodyLine - 1),
  }
}

/**
 * MDX syntax errors and image problems in one analysed post: no alt text, a file that is not there, a path
 * that cannot work. `file` is the post's path, for images beside it.
 */
function checkBody(analysis: { syntaxError?: { line: number; reason: string }; images: ImageReference[]; moduleStatements: number[] }, file: string): string[] {
  if (analysis.syntaxError) {
    const { line, reason } = analysis.syntaxError
    return [`line ${line}: MDX syntax error: ${reason} (in prose, write a literal < or { as \\< or \\{, or put it in inline code)`]
  }
  // Posts are compiled on their own, not bundled (lib/mdx/compile-options.ts): there is nothing to import from.
  const problems = analysis.moduleStatements.map(
    (line) => `line ${line}: import and export statements are not supported; remove it and use Markdown, HTML or <Figure> (content/README.md)`,
  )
  for (const { src, alt, element, line } of analysis.images) {
    if (element === 'image' && !alt?.trim()) {
      problems.push(`line ${line}: image ${src} has no alt text; write ![what the image shows](${src})`)
    } else if (element !== 'image' && !alt) {
      problems.push(`line ${line}: <${element}> has no alt text; add alt="what the image shows"`)
    }
    if (src === undefined) {
      problems.push(`line ${line}: <${element}> has no src written as text; write src="./photo.jpg" or src="/images/…"`)
      continue
    }
    const location = locateImage(src, file)
    if ('problem' in location) problems.push(`line ${line}: ${location.problem}`)
    else if (!existsSync(location.path)) {
      const where = src.startsWith('/') ? 'under public/' : 'beside the post'
      problems.push(`line ${line}: image "${src}" was not found: put the file at ${location.display} (${where}), or fix the path`)
    }
  }
  return problems
}

/**
 * Bump when analyseFile (or the parsing it calls in lib/mdx/image-references.ts) would give another result
 * for the same text; package-lock.json's hash covers upgrades of the parsers themselves.
 */
const ANALYSIS_VERSION = 2

/**
 * The analyses of a previous check, by the sha256 of each file's text, and the ones this check keeps: those of
 * published posts only, so that not a byte of a draft or a scheduled post is left in .contentlayer either.
 */
type AnalysisCache = { file: string; version: string; entries: Map<string, FileAnalysis>; kept: Map<string, FileAnalysis> }

function openAnalysisCache(file: string): AnalysisCache {
  let lockHash = ''
  try {
    lockHash = hashOf(readFileSync(join(process.cwd(), 'package-lock.json'), 'utf8'))
  } catch {
    // Without a lock file (a scratch folder in tests), only ANALYSIS_VERSION keys the cache.
  }
  const version = `${ANALYSIS_VERSION} ${lockHash}`
  let entries = new Map<string, FileAnalysis>()
  try {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { version?: string; files?: Record<string, FileAnalysis> }
    if (stored.version === version && stored.files) entries = new Map(Object.entries(stored.files))
  } catch {
    // No cache yet, or an unreadable one: every file is parsed, and the cache written again.
  }
  return { file, version, entries, kept: new Map() }
}

/** Written only when what it keeps changed; under a temporary name and renamed, so a reader never sees half of it. */
function saveAnalysisCache(cache: AnalysisCache): void {
  if (cache.kept.size === cache.entries.size && [...cache.kept.keys()].every((key) => cache.entries.has(key))) return
  mkdirSync(dirname(cache.file), { recursive: true })
  const temporary = `${cache.file}.${process.pid}.tmp`
  writeFileSync(temporary, JSON.stringify({ version: cache.version, files: Object.fromEntries(cache.kept) }))
  renameSync(temporary, cache.file)
}

/** Plain JSON values only, so an analysis read back from the cache is the one written (YAML can also give .inf or .nan). */
function isJsonValue(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true
  if (typeof value === 'number') return Number.isFinite(value)
  if (Array.isArray(value)) return value.every(isJsonValue)
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) return Object.values(value).every(isJsonValue)
  return false
}

/**
 * Analyses of files that are not published posts (drafts, scheduled posts, files whose frontmatter is not
 * valid), kept in this process only: never written, yet not parsed again by the next check in the same
 * process (contentlayer2 imports its config afresh, and `contentlayer2 dev` checks again on every save).
 */
const unpublishedKey = Symbol.for('bits-trades-systems.unpublished-analyses')
const unpublishedAnalyses = ((globalThis as typeof globalThis & { [unpublishedKey]?: Map<string, FileAnalysis> })[unpublishedKey] ??= new Map())

/** Keeps a published post's analysis for the next check, unless it holds a value JSON would not give back. */
function keepAnalysis(cache: AnalysisCache, key: string, analysis: FileAnalysis): void {
  if ('data' in analysis && isJsonValue(analysis.data)) cache.kept.set(key, analysis)
}

/**
 * Every problem in the posts of `contentDir`, one line each ("content/posts/x.mdx: field: message"), and in
 * its redirects.txt ("content/redirects.txt: line 3: message"), and
 * the posts (relative to contentDir) that are drafts or scheduled after `now`, which a production build
 * leaves out entirely so not a byte of them ships. With `cacheFile`, a file whose text a previous check
 * parsed is not parsed again (the build passes .contentlayer/.cache/content-check.json).
 */
export function checkContentFolder(contentDir: string, now: Date, cacheFile?: string): { problems: string[]; unpublished: string[] } {
  const problems: string[] = []
  const unpublished: string[] = []
  const claims: UrlClaim[] = []
  const published: SitePost[] = []
  const cache = cacheFile === undefined ? undefined : openAnalysisCache(cacheFile)
  for (const path of listMdxFiles(join(contentDir, 'posts'))) {
    const file = relative(process.cwd(), path)
    const raw = readFileSync(path, 'utf8')
    // The analysis of this text: from the cache when a previous check parsed the same text.
    const key = cache && hashOf(raw)
    const analysis = (key && (cache?.entries.get(key) ?? unpublishedAnalyses.get(key))) || analyseFile(raw)
    if (key && 'yamlError' in analysis) unpublishedAnalyses.set(key, analysis)
    if ('yamlError' in analysis) {
      problems.push(`${file}: frontmatter: is not valid YAML: ${analysis.yamlError}; quote values that contain ": "`)
      continue
    }
    const { problems: fieldProblems, derived } = checkFrontmatter(analysis.data, slugFromFileName(path))
    for (const { field, message } of fieldProblems) problems.push(`${file}: ${field}: ${message}`)
    for (const message of checkBody(analysis, path)) problems.push(`${file}: ${message}`)
    if (!derived) {
      if (key) unpublishedAnalyses.set(key, analysis)
      continue
    }
    if (isUnpublishedAt(analysis.data.draft, derived.postDate.instant, now)) {
      unpublished.push(relative(contentDir, path))
      if (key) unpublishedAnalyses.set(key, analysis)
    } else {
      claims.push({ file, url: derived.url, aliases: derived.aliases })
      published.push(derived)
      if (cache && key) keepAnalysis(cache, key, analysis)
    }
  }
  if (cache) saveAnalysisCache(cache)
  for (const { file, field, message } of findUrlConflicts(claims)) problems.push(`${file}: ${field}: ${message}`)
  // The site's own redirects, against the pages these posts make and the files under public/.
  const aliases = claims.flatMap(({ file, url, aliases: paths }) => paths.map((alias) => ({ alias, file, url })))
  const context = buildRedirectContext(published, aliases, listPublicPaths(join(process.cwd(), 'public')))
  const redirectsFile = relative(process.cwd(), join(contentDir, REDIRECTS_FILE))
  problems.push(...loadRedirectLines(readRedirectsFile(contentDir), context, redirectsFile).problems)
  return { problems, unpublished }
}
