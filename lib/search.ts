/**
 * The full-text search index, built with pagefind from the content model (so only published posts are
 * ever indexed) and served by app/pagefind/[...file]/route.ts: prerendered into the server build and the
 * static export alike, with nothing written to public/.
 */
import { createIndex } from 'pagefind'
import { formatPostDate } from './dates'
import { escapeHtml } from './feed'
import { getPosts } from './posts'

/** pagefind's prebuilt search interfaces (pagefind-ui.js, pagefind-component-ui.css, …) and its highlighter. */
const UNUSED_FILES = /^pagefind-(ui|modular-ui|component-ui|highlight)\.(js|css)$/

let indexFiles: Promise<Map<string, Uint8Array>> | undefined

async function buildIndexFiles(): Promise<Map<string, Uint8Array>> {
  // Technical words keep their punctuation: "C++", "p99.9" and "<script>" stay searchable.
  const { index, errors } = await createIndex({ forceLanguage: 'en', includeCharacters: '+#.<>' })
  if (!index) throw new Error(`Search index: pagefind could not start: ${errors.join('; ')}`)
  for (const post of getPosts()) {
    const { errors: fileErrors } = await index.addHTMLFile({
      url: post.url,
      content:
        `<html lang="en"><body><main data-pagefind-body>` +
        `<h1 data-pagefind-meta="title">${escapeHtml(post.title)}</h1>` +
        `<p data-pagefind-meta="date">${formatPostDate(post.date)}</p>` +
        `<p>${escapeHtml(post.description)}</p>${post.html}</main></body></html>`,
    })
    if (fileErrors.length > 0) throw new Error(`Search index: ${post._raw.sourceFilePath}: ${fileErrors.join('; ')}`)
  }
  const { files, errors: indexErrors } = await index.getFiles()
  if (indexErrors.length > 0) throw new Error(`Search index: ${indexErrors.join('; ')}`)
  await index.deleteIndex()
  // Our search page (public/search.js) uses pagefind's JavaScript API: its UI bundles would be dead weight.
  return new Map(files.filter((file) => !UNUSED_FILES.test(file.path)).map((file) => [file.path, file.content]))
}

/** Every file of the pagefind bundle by its path under /pagefind/; built once per process. */
export function getSearchIndexFiles(): Promise<Map<string, Uint8Array>> {
  indexFiles ??= buildIndexFiles()
  return indexFiles
}

const CONTENT_TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json; charset=utf-8',
  wasm: 'application/wasm',
}

/** The content type of a pagefind file; its own binary formats (.pf_*, .pagefind) are opaque bytes. */
export function getSearchFileType(path: string): string {
  return CONTENT_TYPES[path.slice(path.lastIndexOf('.') + 1)] ?? 'application/octet-stream'
}
