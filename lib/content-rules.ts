/**
 * The frontmatter rules, in one place. contentlayer.config.ts runs them over the raw files before
 * anything is compiled (lib/content-check.ts), and lib/posts.ts derives the same slug, permalink,
 * tags and aliases from the generated documents with them, so the two can never disagree.
 */
import { parsePostDate, type PostDate } from './dates'
import { buildPermalink, tagSlug } from './urls'

/** Every frontmatter field an author may write; anything else is a typo. */
export const FRONTMATTER_FIELDS = ['title', 'date', 'description', 'tags', 'draft', 'updated', 'slug', 'aliases'] as const

const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

/** The values lib/posts derives from a valid post's frontmatter. */
export type DerivedFields = {
  slug: string
  url: string
  postDate: PostDate
  tagSlugs: string[]
  aliases: string[]
}

/** Problems found in one post: field and message, without the file (the caller adds it). */
export type FieldProblem = { field: string; message: string }

const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== ''

/** "/old/path" or "old/path/" -> "/old/path/": aliases compare as site paths with both slashes. */
export function normaliseAlias(alias: string): string {
  const trimmed = alias.trim().replace(/^\/+|\/+$/g, '')
  return trimmed ? `/${trimmed}/` : '/'
}

/**
 * Checks one post's frontmatter (already parsed from YAML) and derives what the site needs from it.
 * `fileSlug` is the file name without .mdx. Returns every problem, not just the first.
 */
export function checkFrontmatter(data: Record<string, unknown>, fileSlug: string): { problems: FieldProblem[]; derived?: DerivedFields } {
  const problems: FieldProblem[] = []
  const report = (field: string, message: string) => problems.push({ field, message })

  for (const field of Object.keys(data)) {
    if (!(FRONTMATTER_FIELDS as readonly string[]).includes(field)) {
      report(field, `is not a frontmatter field; the fields are ${FRONTMATTER_FIELDS.join(', ')} (a typo?)`)
    }
  }

  if (!isText(data.title)) report('title', 'is missing or empty; write the headline, e.g. title: "My post"')
  if (!isText(data.description)) {
    report('description', 'is missing or empty; write one or two sentences that summarise the post, e.g. description: "…"')
  }

  let postDate: PostDate | undefined
  if (!isText(data.date)) {
    report('date', 'is missing; write the publication date with an offset, e.g. date: 2025-04-16T13:12:00+00:00')
  } else {
    const parsed = parsePostDate(data.date)
    if (typeof parsed === 'string') report('date', parsed)
    else postDate = parsed
  }
  if (data.updated !== undefined) {
    const parsed = typeof data.updated === 'string' ? parsePostDate(data.updated) : 'is not a date'
    if (typeof parsed === 'string') report('updated', parsed.startsWith('"') ? parsed : `${parsed}; write it like 2025-05-01T09:00:00+00:00`)
  }
  if (data.draft !== undefined && typeof data.draft !== 'boolean') report('draft', 'must be true or false')

  const tagSlugs: string[] = []
  // An empty list is allowed: real blogs (Hugo imports among them) have untagged posts, and inventing a tag
  // would be worse. The field itself stays required, so a forgotten one is still caught.
  if (data.tags === undefined || data.tags === null) {
    report('tags', 'is missing; write the tags, e.g. tags: [distributed-systems, go], or tags: [] for none')
  } else if (!Array.isArray(data.tags)) {
    report('tags', 'must be a list, e.g. tags: [distributed-systems, go]')
  } else {
    for (const tag of data.tags) {
      const slug = typeof tag === 'string' || typeof tag === 'number' ? tagSlug(String(tag)) : ''
      if (!slug) report('tags', `${JSON.stringify(tag)} is not a tag; use words, e.g. distributed-systems`)
      else if (!tagSlugs.includes(slug)) tagSlugs.push(slug)
    }
  }

  let slug = fileSlug
  if (data.slug !== undefined) {
    if (typeof data.slug !== 'string' || !SLUG_PATTERN.test(data.slug)) {
      report('slug', `${JSON.stringify(data.slug)} is not a URL slug; use lower-case letters, digits and hyphens, e.g. my-post`)
    } else {
      slug = data.slug
    }
  } else if (!SLUG_PATTERN.test(fileSlug)) {
    report('slug', `the file name "${fileSlug}" is not a URL slug; rename the file to lower-case words and hyphens, or set slug:`)
  }

  const aliases: string[] = []
  if (data.aliases !== undefined) {
    if (!Array.isArray(data.aliases)) {
      report('aliases', 'must be a list of old paths, e.g. aliases: [/old/path/]')
    } else {
      for (const alias of data.aliases) {
        if (typeof alias !== 'string' || !alias.trim().startsWith('/') || /[\s?#]|\/\.\.?\//.test(alias.trim())) {
          report('aliases', `${JSON.stringify(alias)} is not a site path; write it like /old/path/`)
        } else {
          aliases.push(normaliseAlias(alias))
        }
      }
    }
  }

  if (problems.length > 0 || !postDate) return { problems }
  return { problems, derived: { slug, url: buildPermalink(postDate, slug), postDate, tagSlugs, aliases } }
}

/**
 * The slug a post file gives before any `slug:` field: the file name without .mdx, or for a bundle
 * (content/posts/<slug>/index.mdx, its images beside it) the folder's name.
 */
export function slugFromFileName(path: string): string {
  const parts = path.split(/[\\/]/)
  const name = parts[parts.length - 1] ?? ''
  return name === 'index.mdx' && parts.length > 1 ? (parts[parts.length - 2] ?? '') : name.replace(/\.mdx$/, '')
}

/** Whether a post is kept out of the site at `now`: a draft, or scheduled after `now`. */
export function isUnpublishedAt(draft: unknown, instant: Date, now: Date): boolean {
  return draft === true || instant.getTime() > now.getTime()
}

/**
 * The clock a build publishes against: BLOG_NOW (an ISO date, for previews and tests) or the real time.
 * next.config.mjs freezes it into the bundles, so pages and the proxy agree after the build.
 */
export function readBuildClock(): Date {
  const override = process.env.BLOG_NOW
  if (!override) return new Date()
  const parsed = new Date(override)
  if (Number.isNaN(parsed.getTime())) throw new Error(`BLOG_NOW "${override}" is not a date; write it like 2026-01-01T00:00:00Z.`)
  return parsed
}

/** A post's claims on the URL space, for finding two posts that want the same URL. */
export type UrlClaim = { file: string; url: string; aliases: readonly string[] }

/** Problems where two posts claim one permalink or alias, or an alias is a permalink; named by file. */
export function findUrlConflicts(claims: readonly UrlClaim[]): { file: string; field: string; message: string }[] {
  const problems: { file: string; field: string; message: string }[] = []
  const owner = new Map<string, string>()
  for (const claim of claims) {
    const other = owner.get(claim.url)
    if (other) problems.push({ file: claim.file, field: 'slug', message: `permalink ${claim.url} is already used by ${other}; give one of them another slug` })
    else owner.set(claim.url, claim.file)
  }
  for (const claim of claims) {
    for (const alias of claim.aliases) {
      const other = owner.get(alias)
      if (other) {
        problems.push({
          file: claim.file,
          field: 'aliases',
          message: `${alias} is already ${other === claim.file ? 'this post’s permalink' : `claimed by ${other}`}; remove it from one of them`,
        })
      } else {
        owner.set(alias, claim.file)
      }
    }
  }
  return problems
}

/** Formats problems as one error message: a count, then a line per problem. */
export function formatContentProblems(problems: readonly string[]): string {
  return `Invalid content (${problems.length} problem${problems.length === 1 ? '' : 's'}); fix these and build again:\n  ${problems.join('\n  ')}`
}
