/**
 * Checks every post under a content folder before contentlayer compiles anything, and reports every
 * problem at once, each naming the file, the field (or line) and the fix. contentlayer.config.ts
 * calls it when it loads, so `npm run build` stops here with one readable list.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import matter from 'gray-matter'
import YAML from 'yaml'
import { checkFrontmatter, findUrlConflicts, isUnpublishedAt, slugFromFileName, type UrlClaim } from './content-rules'
import { locateImage } from './images'
import { listImageReferences, parseMdxBody } from './mdx/image-references'
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

/**
 * MDX syntax errors and image problems in one post body: no alt text, a file that is not there, a path
 * that cannot work. Lines are the file's own; `file` is the post's path, for images beside it.
 */
function checkBody(body: string, firstBodyLine: number, file: string): string[] {
  const problems: string[] = []
  let tree
  try {
    tree = parseMdxBody(body)
  } catch (error) {
    const place = (error as { place?: { line?: number; start?: { line?: number } } }).place
    const line = (place?.line ?? place?.start?.line ?? 1) + firstBodyLine - 1
    const reason = (error as { reason?: string }).reason ?? String(error)
    return [`line ${line}: MDX syntax error: ${reason} (in prose, write a literal < or { as \\< or \\{, or put it in inline code)`]
  }
  for (const { src, alt, element, line: bodyLine } of listImageReferences(tree)) {
    const line = bodyLine + firstBodyLine - 1
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
 * Every problem in the posts of `contentDir`, one line each ("content/posts/x.mdx: field: message"), and in
 * its redirects.txt ("content/redirects.txt: line 3: message"), and
 * the posts (relative to contentDir) that are drafts or scheduled after `now`, which a production build
 * leaves out entirely so not a byte of them ships.
 */
export function checkContentFolder(contentDir: string, now: Date): { problems: string[]; unpublished: string[] } {
  const problems: string[] = []
  const unpublished: string[] = []
  const claims: UrlClaim[] = []
  const published: SitePost[] = []
  for (const path of listMdxFiles(join(contentDir, 'posts'))) {
    const file = relative(process.cwd(), path)
    const raw = readFileSync(path, 'utf8')
    let parsed
    try {
      // The same YAML reading as contentlayer2: the `yaml` package, which leaves dates as strings.
      parsed = matter(raw, { engines: { yaml: (text: string) => YAML.parse(text) ?? {} } })
    } catch (error) {
      problems.push(`${file}: frontmatter: is not valid YAML: ${(error as Error).message.split('\n')[0]}; quote values that contain ": "`)
      continue
    }
    const fileSlug = slugFromFileName(path)
    const { problems: fieldProblems, derived } = checkFrontmatter(parsed.data, fileSlug)
    for (const { field, message } of fieldProblems) problems.push(`${file}: ${field}: ${message}`)
    const firstBodyLine = raw.slice(0, raw.length - parsed.content.length).split('\n').length
    for (const message of checkBody(parsed.content, firstBodyLine, path)) problems.push(`${file}: ${message}`)
    if (!derived) continue
    if (isUnpublishedAt(parsed.data.draft, derived.postDate.instant, now)) unpublished.push(relative(contentDir, path))
    else {
      claims.push({ file, url: derived.url, aliases: derived.aliases })
      published.push(derived)
    }
  }
  for (const { file, field, message } of findUrlConflicts(claims)) problems.push(`${file}: ${field}: ${message}`)
  // The site's own redirects, against the pages these posts make and the files under public/.
  const aliases = claims.flatMap(({ file, url, aliases: paths }) => paths.map((alias) => ({ alias, file, url })))
  const context = buildRedirectContext(published, aliases, listPublicPaths(join(process.cwd(), 'public')))
  const redirectsFile = relative(process.cwd(), join(contentDir, REDIRECTS_FILE))
  problems.push(...loadRedirectLines(readRedirectsFile(contentDir), context, redirectsFile).problems)
  return { problems, unpublished }
}
