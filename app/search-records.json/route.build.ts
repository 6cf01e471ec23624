import { getSearchRecords } from '@/lib/search'

export const dynamic = 'force-static'

/**
 * In a build only (next.config.mjs gives `next build` the ".build.ts" page extension): every published post
 * as a search record, one file for the finishing step (scripts/finish-build.mjs), which indexes them with
 * pagefind into out/pagefind/ and deletes this file, so it never ships.
 */
export function GET() {
  return Response.json(getSearchRecords())
}
