import { getSearchRecords } from '@/lib/search'
import { jsonLinesParts, streamTextParts } from '@/lib/text-stream'

export const dynamic = 'force-static'

/**
 * In a build only (next.config.mjs gives `next build` the ".build.ts" page extension): every published post
 * as a search record, one file for the finishing step (scripts/finish-build.mjs), which indexes them with
 * pagefind into out/pagefind/ and deletes this file, so it never ships. Streamed a record at a time: at 5,000
 * posts the file is 59 MB, and made as one string it cost its prerender worker 400 MiB for a moment. One
 * record a line (JSON Lines), so that the indexing thread parses each only when pagefind is ready for it.
 */
export function GET() {
  return new Response(streamTextParts(jsonLinesParts(getSearchRecords())), { headers: { 'Content-Type': 'application/jsonl' } })
}
