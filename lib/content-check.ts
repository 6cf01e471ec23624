/**
 * Checks every post under a content folder before contentlayer compiles anything, and reports every
 * problem at once, each naming the file, the field (or line) and the fix. contentlayer.config.ts
 * calls it when it loads, so `npm run build` stops here with one readable list.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { createProcessor } from '@mdx-js/mdx'
import matter from 'gray-matter'
import { visit } from 'unist-util-visit'
import YAML from 'yaml'
import { checkFrontmatter, findUrlConflicts, isUnpublishedAt, type UrlClaim } from './content-rules'

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

type MdxNode = {
  type: string
  name?: string | null
  alt?: string | null
  url?: string
  attributes?: { type: string; name?: string }[]
  position?: { start: { line: number } }
}

/** MDX syntax errors and images without alt text in one post body; lines are the file's own. */
function checkBody(body: string, firstBodyLine: number): string[] {
  const problems: string[] = []
  let tree
  try {
    tree = createProcessor().parse(body)
  } catch (error) {
    const place = (error as { place?: { line?: number; start?: { line?: number } } }).place
    const line = (place?.line ?? place?.start?.line ?? 1) + firstBodyLine - 1
    const reason = (error as { reason?: string }).reason ?? String(error)
    return [`line ${line}: MDX syntax error: ${reason} (in prose, write a literal < or { as \\< or \\{, or put it in inline code)`]
  }
  visit(tree, (node: MdxNode) => {
    const line = (node.position?.start.line ?? 1) + firstBodyLine - 1
    if (node.type === 'image' && !node.alt?.trim()) {
      problems.push(`line ${line}: image ${node.url} has no alt text; write ![what the image shows](${node.url})`)
    }
    const isJsxImage = (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && (node.name === 'img' || node.name === 'Figure')
    if (isJsxImage && !node.attributes?.some((attribute) => attribute.type === 'mdxJsxAttribute' && attribute.name === 'alt')) {
      problems.push(`line ${line}: <${node.name}> has no alt text; add alt="what the image shows"`)
    }
  })
  return problems
}

/**
 * Every problem in the posts of `contentDir`, one line each ("content/posts/x.mdx: field: message"), and
 * the posts (relative to contentDir) that are drafts or scheduled after `now`, which a production build
 * leaves out entirely so not a byte of them ships.
 */
export function checkContentFolder(contentDir: string, now: Date): { problems: string[]; unpublished: string[] } {
  const problems: string[] = []
  const unpublished: string[] = []
  const claims: UrlClaim[] = []
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
    const fileSlug = path.slice(path.lastIndexOf('/') + 1).replace(/\.mdx$/, '')
    const { problems: fieldProblems, derived } = checkFrontmatter(parsed.data, fileSlug)
    for (const { field, message } of fieldProblems) problems.push(`${file}: ${field}: ${message}`)
    const firstBodyLine = raw.slice(0, raw.length - parsed.content.length).split('\n').length
    for (const message of checkBody(parsed.content, firstBodyLine)) problems.push(`${file}: ${message}`)
    if (!derived) continue
    if (isUnpublishedAt(parsed.data.draft, derived.postDate.instant, now)) unpublished.push(relative(contentDir, path))
    else claims.push({ file, url: derived.url, aliases: derived.aliases })
  }
  for (const { file, field, message } of findUrlConflicts(claims)) problems.push(`${file}: ${field}: ${message}`)
  return { problems, unpublished }
}
