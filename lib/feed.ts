/**
 * Every feed of the site, in every format, is built here from the content model.
 * Routes only pick a feed and a format and hand the result to feedResponse().
 */
import { Feed, type Item } from 'feed'
import { getPosts, getTag, getTags, type Post } from './posts'
import { absoluteUrl, site } from './site'
import { feedPath, type FeedFormat } from './urls'

export type FeedSpec = {
  title: string
  description: string
  /** The folder the feed lives in, which is also the HTML page it mirrors: "/tags/go/". */
  folder: string
  /** Already filtered and sorted, newest first, by lib/posts. */
  posts: readonly Post[]
}

export const FEED_CONTENT_TYPES: Readonly<Record<FeedFormat, string>> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
}

/** The site-wide feed at /index.xml, with every post, as Hugo's home feed. */
export function getSiteFeed(): FeedSpec {
  return { title: site.title, description: `Recent content on ${site.title}`, folder: '/', posts: getPosts() }
}

/** The "posts" section feed at /posts/index.xml: the same items as the site feed, as Hugo serves it. */
export function getPostsSectionFeed(): FeedSpec {
  return { title: `Posts on ${site.title}`, description: `Recent content in Posts on ${site.title}`, folder: '/posts/', posts: getPosts() }
}

/** The feed of one tag, or undefined for a tag no published post has. */
export function getTagFeed(slug: string): FeedSpec | undefined {
  const tag = getTag(slug)
  if (!tag) return undefined
  const title = `${tag.title} on ${site.title}`
  return { title, description: `Recent content in ${title}`, folder: `/tags/${tag.slug}/`, posts: tag.posts }
}

/** Slugs of every tag that has a feed, for prerendering. */
export function getTagFeedSlugs(): string[] {
  return getTags().map((tag) => tag.slug)
}

/**
 * Escapes text for a field feed readers treat as HTML (RSS description, Atom type="html"),
 * the way Hugo's html escaping does, so descriptions stay byte-for-byte what subscribers already have.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char)
}
const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' }

/** Builds the XML or JSON text of a feed in one format. Same content, same bytes: no build-time clock. */
export function renderFeed(spec: FeedSpec, format: FeedFormat): string {
  if (format === 'json') return renderJsonFeed(spec)
  const newest = spec.posts[0]
  const feed = new Feed({
    id: absoluteUrl(spec.folder),
    link: absoluteUrl(spec.folder),
    title: spec.title,
    description: spec.description,
    language: site.language,
    generator: false,
    author: { name: site.author, link: site.url + '/' },
    // The newest item's date, never "now": rebuilding unchanged content must give the same bytes.
    updated: newest ? new Date(newest.updated ?? newest.date) : new Date(0),
    // `rss`, not `rss2`: feed reads only `rss` for RSS's atom:link rel="self".
    feedLinks: { rss: absoluteUrl(feedPath(spec.folder, 'rss')), atom: absoluteUrl(feedPath(spec.folder, 'atom')) },
  })
  for (const post of spec.posts) feed.addItem(buildFeedItem(post, format))
  return format === 'rss' ? feed.rss2() : feed.atom1()
}

/**
 * One item. No `id` or `guid`: feed then writes the permalink as an RSS <guid> with the default
 * isPermaLink, exactly as Hugo did, and as the Atom <id>. GUIDs must never change.
 */
function buildFeedItem(post: Post, format: 'rss' | 'atom'): Item {
  const link = absoluteUrl(post.url)
  // RSS <title> is plain text (as Hugo writes it); Atom declares type="html", so it must be escaped there.
  const title = format === 'atom' ? escapeHtml(post.title) : post.title
  return {
    title,
    link,
    // feed writes `published` as RSS pubDate and Atom <published>, and `date` as Atom <updated>.
    published: new Date(post.date),
    date: new Date(post.updated ?? post.date),
    description: escapeHtml(post.description),
    category: post.tagSlugs.map((slug) => ({ name: slug, term: slug })),
  }
}

/** JSON Feed 1.1 (feed 6 writes version 1 and misnames the dates, so this three-field job is ours). */
function renderJsonFeed(spec: FeedSpec): string {
  const body = {
    version: 'https://jsonfeed.org/version/1.1',
    title: spec.title,
    home_page_url: absoluteUrl(spec.folder),
    feed_url: absoluteUrl(feedPath(spec.folder, 'json')),
    description: spec.description,
    language: site.language,
    authors: [{ name: site.author, url: site.url + '/' }],
    items: spec.posts.map((post) => ({
      id: absoluteUrl(post.url),
      url: absoluteUrl(post.url),
      title: post.title,
      summary: post.description,
      date_published: new Date(post.date).toISOString(),
      ...(post.updated ? { date_modified: new Date(post.updated).toISOString() } : {}),
      tags: [...post.tagSlugs],
    })),
  }
  return JSON.stringify(body, null, 2)
}

/** Streams the encoded body in chunks, so a large feed starts reaching the reader before it is all sent. */
function streamText(text: string): ReadableStream<Uint8Array> {
  const CHUNK_BYTES = 16 * 1024
  // Encode first, then slice bytes: slicing the string could split an emoji's surrogate pair.
  const bytes = new TextEncoder().encode(text)
  let offset = 0
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) {
        controller.close()
        return
      }
      controller.enqueue(bytes.subarray(offset, offset + CHUNK_BYTES))
      offset += CHUNK_BYTES
    },
  })
}

/** The HTTP response for a feed, streamed, with its format's content type; 404 when the feed does not exist. */
export function feedResponse(spec: FeedSpec | undefined, format: FeedFormat): Response {
  if (!spec) return new Response('No such feed.\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  return new Response(streamText(renderFeed(spec, format)), {
    headers: { 'Content-Type': FEED_CONTENT_TYPES[format] },
  })
}
