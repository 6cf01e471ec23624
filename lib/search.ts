/**
 * Search: each published post as a search record, rendered here from the content model (so only published
 * posts are ever indexed). A build exports the records (app/search-records.jsonl/route.build.ts) and its
 * finishing step indexes them with pagefind into out/pagefind/; under `next dev`,
 * app/pagefind/[...file]/route.dev.ts indexes them on request. lib/search-index.mjs does the indexing.
 */
import { buildSearchIndex, type SearchRecord } from './search-index.mjs'
import { formatPostDate } from './dates'
import { escapeHtml } from './feed'
import { getPosts } from './posts'

/** One record a published post: its title and date as pagefind metadata, its description and body as text. */
export function getSearchRecords(): SearchRecord[] {
  return getPosts().map((post) => ({
    url: post.url,
    content:
      `<html lang="en"><body><main data-pagefind-body>` +
      `<h1 data-pagefind-meta="title">${escapeHtml(post.title)}</h1>` +
      `<p data-pagefind-meta="date">${formatPostDate(post.date)}</p>` +
      `<p>${escapeHtml(post.description)}</p>${post.html}</main></body></html>`,
  }))
}

let devIndex: { posts: unknown; files: Promise<Map<string, Uint8Array>> } | undefined

/** The pagefind bundle under `next dev`, made again when the posts change (the content model returns a new array then). */
export function getDevSearchIndexFiles(): Promise<Map<string, Uint8Array>> {
  const posts = getPosts()
  if (devIndex?.posts !== posts) devIndex = { posts, files: buildSearchIndex(getSearchRecords()) }
  return devIndex.files
}
