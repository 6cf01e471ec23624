/**
 * The pagefind index, made from search records: one record a published post, as lib/search.ts renders them
 * from the content model. Plain JavaScript (checked by tsc through JSDoc) because two places share it: the
 * build's finishing step (scripts/finish-build.mjs), which runs under bare Node and indexes the records the
 * export wrote, and app/pagefind/[...file]/route.dev.ts, which indexes them on request under `next dev`.
 *
 * A build used to prerender the index as a route of its own, one entry a file: about a thousand pagefind
 * files at 1,000 posts, each a prerendered route, and each prerender worker ran pagefind again.
 */
import { close, createIndex } from 'pagefind'
import { forEachLimited } from './run-limited.mjs'

/** @typedef {{ url: string; content: string }} SearchRecord */

/** Where the search bundle is served from; public/search.js imports `${SEARCH_URL_PREFIX}pagefind.js`. */
export const SEARCH_URL_PREFIX = '/pagefind/'

/** pagefind's prebuilt search interfaces (pagefind-ui.js, pagefind-component-ui.css, …) and its highlighter. */
const UNUSED_FILES = /^pagefind-(ui|modular-ui|component-ui|highlight)\.(js|css)$/

/**
 * Records sent to pagefind before the first of them is answered. Enough that its process always has the next
 * one waiting (the step's own work runs beside it); few enough that it never parses them all at once: sent all
 * together, 5,000 records took its process to 1.4–1.9 GiB.
 */
const RECORDS_IN_FLIGHT = 64

/**
 * Gives pagefind every record in their order, `inFlight` at a time; throws on the first it refuses.
 * @param {Iterable<SearchRecord>} records
 * @param {(record: SearchRecord) => Promise<{ errors: string[] }>} add
 * @param {number} [inFlight]
 */
export async function addInOrder(records, add, inFlight = RECORDS_IN_FLIGHT) {
  await forEachLimited(records, inFlight, async (record) => {
    const { errors } = await add(record)
    if (errors.length > 0) throw new Error(`Search index: ${record.url}: ${errors.join('; ')}`)
  })
}

/**
 * Every file of the pagefind bundle for these records, by its path under SEARCH_URL_PREFIX.
 * @param {Iterable<SearchRecord>} records
 * @returns {Promise<Map<string, Uint8Array>>}
 */
export async function buildSearchIndex(records) {
  // Technical words keep their punctuation: "C++", "p99.9" and "<script>" stay searchable.
  const { index, errors } = await createIndex({ forceLanguage: 'en', includeCharacters: '+#.<>' })
  if (!index) throw new Error(`Search index: pagefind could not start: ${errors.join('; ')}`)
  try {
    await addInOrder(records, (record) => index.addHTMLFile(record))
    const { files, errors: indexErrors } = await index.getFiles()
    if (indexErrors.length > 0) throw new Error(`Search index: ${indexErrors.join('; ')}`)
    // Our search page (public/search.js) uses pagefind's JavaScript API: its UI bundles would be dead weight.
    return new Map(files.filter((file) => !UNUSED_FILES.test(file.path)).map((file) => [file.path, file.content]))
  } finally {
    await index.deleteIndex()
  }
}

/**
 * The records of a JSON Lines file (app/search-records.jsonl/route.build.ts writes one record a line), each
 * parsed only when pagefind is ready for it. At 5,000 posts the finishing step's process peaked at 622–625 MiB
 * when the records were one JSON array, parsed whole beside their text; 458–536 MiB this way.
 * @param {Uint8Array} bytes
 * @returns {Generator<SearchRecord>}
 */
export function* recordsFromJsonLines(bytes) {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  for (let start = 0; start < text.length;) {
    const newline = text.indexOf(0x0a, start)
    const end = newline === -1 ? text.length : newline
    if (end > start) yield JSON.parse(text.toString('utf8', start, end))
    start = end + 1
  }
}

/** Stops pagefind's indexing process, which otherwise keeps a one-shot script (the finishing step) alive. */
export const stopSearchService = close
