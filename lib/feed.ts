/**
 * Every feed of the site, in every format, is built here from the content model:
 * RSS 2.0 and Atom through `feed`, JSON Feed 1.1 by hand. Routes only pick a feed and a format.
 */
import { randomUUID } from 'node:crypto'
import { Feed, type Item } from 'feed'
import { FEED_CONTENT_TYPES } from './http-rules.mjs'
import { buildFeedHtml } from './feed-html'
import { streamTextParts } from './text-stream'
import { getPosts, getTag, getTags, selectToRender, type Post } from './posts'
import { absoluteUrl, selectFullContentItems, site } from './site'
import { FEED_FILES, feedPath, tagPath, type FeedFormat } from './urls'

/** One item of a feed: a post, or a tag in the list of tags. */
export type FeedEntry = {
  title: string
  /** Site path of the entry's page; its absolute URL is the item's link, GUID and id, forever. */
  path: string
  published: Date
  updated: Date
  /** Plain text. */
  description?: string
  /** Full content, safe for feeds, absolute URLs only. */
  html?: string
  tags?: readonly string[]
}

export type FeedSpec = {
  title: string
  description: string
  /** The folder the feed lives in, which is also the HTML page it mirrors: "/tags/go/". */
  folder: string
  /** Newest first, at most site.feedItemLimit. */
  entries: readonly FeedEntry[]
}

/** A feed format's content type: the HTTP table's, by the file name the format is served at. */
export function getFeedContentType(format: FeedFormat): string {
  return FEED_CONTENT_TYPES[FEED_FILES[format] as keyof typeof FEED_CONTENT_TYPES]
}

/** The XSL stylesheet that turns a feed opened in a browser into a readable page. */
export const FEED_STYLESHEET_PATH = '/feed.xsl'

const feedHtmlByPost = new WeakMap<Post, string>()

/** A post's HTML for feeds, computed once per post however many feeds carry it. */
function getFeedHtml(post: Post): string {
  let html = feedHtmlByPost.get(post)
  if (html === undefined) {
    html = buildFeedHtml(post.html, absoluteUrl(post.url))
    feedHtmlByPost.set(post, html)
  }
  return html
}

function toEntry(post: Post, withContent: boolean): FeedEntry {
  return {
    title: post.title,
    path: post.url,
    published: post.postDate.instant,
    updated: new Date(post.updated ?? post.date),
    description: post.description,
    ...(withContent ? { html: getFeedHtml(post) } : {}),
    tags: post.tagSlugs,
  }
}

/** A feed of posts, newest first: every post (or site.feedItemLimit), the newest site.feedFullContentItems in full. */
function postFeed(title: string, description: string, folder: string, posts: readonly Post[]): FeedSpec {
  const entries = selectFullContentItems(posts).map((post) => toEntry(post, true))
  for (const post of posts.slice(entries.length, site.feedItemLimit)) entries.push(toEntry(post, false))
  return { title, description, folder, entries }
}

/** The site-wide feed (/index.xml, /atom.xml, /feed.json) with every post, as Hugo's home feed. */
export function getSiteFeed(): FeedSpec {
  return postFeed(site.title, `Recent content on ${site.title}`, '/', getPosts())
}

/** The "posts" section feed (/posts/index.xml…): the same items as the site feed, as Hugo serves it. */
export function getPostsSectionFeed(): FeedSpec {
  return postFeed(`Posts on ${site.title}`, `Recent content in Posts on ${site.title}`, '/posts/', getPosts())
}

/** The feed of one tag, or undefined for a tag no published post has. */
export function getTagFeed(slug: string): FeedSpec | undefined {
  const link = getTagFeedLink(slug)
  const tag = getTag(slug)
  if (!link || !tag) return undefined
  return postFeed(link.title, link.description, link.folder, tag.posts)
}

/**
 * Title, description and folder of a tag's feeds, for pages that link them, without building its items:
 * every post page links its tags' feeds, and building whole feeds there cost posts × posts entries.
 */
export function getTagFeedLink(slug: string): { title: string; description: string; folder: string } | undefined {
  const tag = getTag(slug)
  if (!tag) return undefined
  const title = `${tag.title} on ${site.title}`
  return { title, description: `Recent content in ${title}`, folder: tagPath(tag.slug) }
}

/** Hugo's /tags/index.xml: one item per tag, the tag with the newest post first. */
export function getTagsFeed(): FeedSpec {
  const title = `Tags on ${site.title}`
  const entries = getTags()
    .flatMap((tag) => {
      const newest = tag.posts[0]
      if (!newest) return []
      return [{ title: tag.title, path: tagPath(tag.slug), published: newest.postDate.instant, updated: newest.postDate.instant }]
    })
    .sort((a, b) => b.published.getTime() - a.published.getTime() || a.path.localeCompare(b.path))
  return { title, description: `Recent content in ${title}`, folder: '/tags/', entries: entries.slice(0, site.feedItemLimit) }
}

/** One entry per tag with posts: the params of every tag route. */
export function getTagFeedParams(): { tag: string }[] {
  return getTags().map((tag) => ({ tag: tag.slug }))
}

/**
 * generateStaticParams for a tag's feed in one format: the tags whose feed this build renders. A build after
 * an edit renders the feeds of the edited post's tags and carries the others over (lib/posts.ts selectToRender).
 */
export function selectTagFeedParams(format: FeedFormat): { tag: string }[] {
  return selectToRender(getTagFeedParams(), ({ tag }) => feedPath(tagPath(tag), format))
}

/**
 * Escapes text for a field feed readers treat as HTML (RSS description, Atom type="html"),
 * the way Hugo's html escaping does, so descriptions stay byte-for-byte what subscribers already have.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char)
}
const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' }

/** The date a feed last changed: its newest entry's update. Never "now", so builds are reproducible. */
export function getFeedUpdated(spec: FeedSpec): Date {
  return spec.entries.reduce((latest, entry) => (entry.updated > latest ? entry.updated : latest), new Date(0))
}

/** The XML or JSON text of a feed in one format. Same content, same bytes. */
export function renderFeed(spec: FeedSpec, format: FeedFormat): string {
  return [...renderFeedParts(spec, format)].join('')
}

/**
 * A feed's text as parts to send one after another, which joined are renderFeed's text. The items' bodies,
 * nearly all of a feed's bytes, are parts of their own, never copied into one string: `feed` (and
 * JSON.stringify) lay out the document with a placeholder for each body, and the parts are the text between
 * placeholders and each body as its format writes it, made when it is asked for. At 5,000 posts the site's
 * RSS feed is 55 MB; made whole, xml-js's joins held it several times over, 500 MiB more in a prerender
 * worker for a moment.
 */
export function* renderFeedParts(spec: FeedSpec, format: FeedFormat): Generator<string> {
  // Random, so that no post's text can contain it.
  const marker = `feed-body-${randomUUID()}-`
  const layout = format === 'json' ? renderJsonFeed(spec, marker) : renderXmlFeed(spec, format, marker)
  // In JSON the placeholder is a string literal, quotes included; in XML it stands alone in a CDATA section.
  const quote = format === 'json' ? '"' : ''
  const pieces = layout.split(new RegExp(`${quote}${marker}(\\d+)${quote}`))
  for (const [index, piece] of pieces.entries()) {
    if (index % 2 === 0) {
      yield piece
      continue
    }
    const html = spec.entries[Number(piece)]?.html ?? ''
    yield format === 'json' ? JSON.stringify(html) : escapeCdata(html)
  }
}

/** As xml-js writes CDATA (feed's XML writer), which ends the section around a first "]]>" of the text. */
function escapeCdata(text: string): string {
  return text.replace(']]>', ']]]]><![CDATA[>')
}

/**
 * RSS 2.0 or Atom through `feed`, each item's body a placeholder: `marker` and the item's index.
 * @see renderFeedParts
 */
function renderXmlFeed(spec: FeedSpec, format: 'rss' | 'atom', marker: string): string {
  const feed = new Feed({
    id: absoluteUrl(spec.folder),
    link: absoluteUrl(spec.folder),
    title: spec.title,
    description: spec.description,
    language: site.language,
    generator: false,
    stylesheet: FEED_STYLESHEET_PATH,
    author: { name: site.author, link: `${site.url}/` },
    // RSS lastBuildDate and Atom <updated>: the newest change to an item, as Hugo's site lastmod.
    updated: getFeedUpdated(spec),
    // `rss`, not `rss2`: feed reads only `rss` for RSS's atom:link rel="self".
    feedLinks: { rss: absoluteUrl(feedPath(spec.folder, 'rss')), atom: absoluteUrl(feedPath(spec.folder, 'atom')) },
  })
  spec.entries.forEach((entry, index) => feed.addItem(buildFeedItem(entry, format, entry.html ? `${marker}${index}` : undefined)))
  return format === 'rss' ? feed.rss2() : feed.atom1()
}

/**
 * One item. No `id` or `guid`: feed then writes the permalink as the RSS <guid> with the default
 * isPermaLink, exactly as Hugo did, and as the Atom <id>. GUIDs must never change.
 */
function buildFeedItem(entry: FeedEntry, format: 'rss' | 'atom', content: string | undefined): Item {
  return {
    // RSS <title> is plain text (as Hugo writes it); Atom's is type="html", so it is escaped there.
    title: format === 'atom' ? escapeHtml(entry.title) : entry.title,
    link: absoluteUrl(entry.path),
    // feed writes `published` as RSS pubDate and Atom <published>, and `date` as Atom <updated>.
    published: entry.published,
    date: entry.updated,
    description: entry.description === undefined ? undefined : escapeHtml(entry.description),
    content,
    category: entry.tags?.map((slug) => ({ name: slug, term: slug })),
  }
}

/**
 * JSON Feed 1.1, each item's body a placeholder (see renderFeedParts). feed 6 writes version 1 and misnames
 * the dates, so this serialisation is ours.
 */
function renderJsonFeed(spec: FeedSpec, marker: string): string {
  const author = { name: site.author, url: `${site.url}/` }
  return JSON.stringify(
    {
      version: 'https://jsonfeed.org/version/1.1',
      title: spec.title,
      home_page_url: absoluteUrl(spec.folder),
      feed_url: absoluteUrl(feedPath(spec.folder, 'json')),
      description: spec.description,
      language: site.language,
      authors: [author],
      items: spec.entries.map((entry, index) => ({
        id: absoluteUrl(entry.path),
        url: absoluteUrl(entry.path),
        title: entry.title,
        ...(entry.description === undefined ? {} : { summary: entry.description }),
        ...jsonFeedContent(entry, `${marker}${index}`),
        date_published: entry.published.toISOString(),
        ...(entry.updated.getTime() === entry.published.getTime() ? {} : { date_modified: entry.updated.toISOString() }),
        ...(entry.tags ? { tags: [...entry.tags] } : {}),
        authors: [author],
      })),
    },
    null,
    2,
  )
}

/** JSON Feed requires content in one form: the whole post where the item carries it, else its description as text. */
function jsonFeedContent(entry: FeedEntry, bodyPlaceholder: string): { content_html: string } | { content_text: string } | Record<string, never> {
  if (entry.html !== undefined) return { content_html: bodyPlaceholder }
  return entry.description === undefined ? {} : { content_text: entry.description }
}

/**
 * The route handler's response for a feed, streamed, with its format's content type; 404 when the feed does
 * not exist. The build writes the body to a file; the servers send it with the HTTP table's headers.
 */
export function feedResponse(spec: FeedSpec | undefined, format: FeedFormat): Response {
  if (!spec) return new Response('No such feed.\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  return new Response(streamTextParts(renderFeedParts(spec, format)), { headers: { 'Content-Type': getFeedContentType(format) } })
}
