/**
 * Lays out the minimal Hugo site (bench/hugo-site) in a work folder with the same corpus we build,
 * so the two generators compete on identical posts, permalinks, tags, feeds and CSS.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * The post as Hugo reads it: the same Markdown, with `slug:` set to the file name when the post has none,
 * because Hugo's :slug falls back to the title, while ours (and the live site's URLs) use the file name.
 */
export function toHugoPost(source: string, fileSlug: string): string {
  const end = source.indexOf('\n---', 3)
  if (!source.startsWith('---\n') || end < 0) throw new Error(`Post "${fileSlug}" has no YAML frontmatter; every post starts with ---.`)
  const frontmatter = source.slice(0, end)
  if (/^slug:/m.test(frontmatter)) return source
  return `${frontmatter}\nslug: ${fileSlug}${source.slice(end)}`
}

export type HugoSiteOptions = {
  /** bench/hugo-site: config and layouts. */
  templateDir: string
  /** The corpus folder holding posts/*.mdx. */
  contentDir: string
  /** The stylesheet both sites serve (our app/globals.css). */
  cssFile: string
  /** Where to create the site; emptied first. */
  siteDir: string
}

/** Creates a buildable Hugo site in siteDir; returns the number of posts it holds. */
export function writeHugoSite(options: HugoSiteOptions): number {
  rmSync(options.siteDir, { recursive: true, force: true })
  cpSync(options.templateDir, options.siteDir, { recursive: true })
  const postsDir = join(options.siteDir, 'content', 'posts')
  mkdirSync(postsDir, { recursive: true })
  mkdirSync(join(options.siteDir, 'static', 'css'), { recursive: true })
  cpSync(options.cssFile, join(options.siteDir, 'static', 'css', 'site.css'))
  const files = readdirSync(join(options.contentDir, 'posts')).filter((file) => file.endsWith('.mdx'))
  for (const file of files) {
    const slug = file.replace(/\.mdx$/, '')
    writeFileSync(join(postsDir, `${slug}.md`), toHugoPost(readFileSync(join(options.contentDir, 'posts', file), 'utf8'), slug))
  }
  // An empty section page would get Hugo's title "Posts"; ours is the archive.
  writeFileSync(join(postsDir, '_index.md'), '---\ntitle: "Posts"\n---\n')
  return files.length
}
