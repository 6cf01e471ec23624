/**
 * The import report as printed: the site read, one block per post (its target and each note as
 * `file:line: what, and what to do`), the pages left out and why, and a summary line.
 */
import type { ImportReport } from './import'

/** The report's text, ending with the summary line; `contentDir` is the Hugo site's content folder name. */
export function formatImportReport(report: ImportReport, options: { dryRun?: boolean } = {}): string {
  const { config } = report
  const lines: string[] = []
  const permalinks = Object.entries(config.permalinks).map(([section, pattern]) => `${section}=${pattern}`)
  lines.push(
    `Hugo site ${report.siteDir} (${config.files.join(', ')}): baseURL ${config.baseURL}, timeZone ${config.timeZone ?? 'none (UTC)'}, ` +
      `permalinks ${permalinks.join(' ') || 'none'}, uglyURLs ${JSON.stringify(config.uglyURLs)}; posts are the section(s) ${report.sections.join(', ') || 'none'}`,
  )
  for (const note of report.siteNotes) lines.push(`note: ${note}`)
  const prefix = `${config.contentDir}/`
  for (const page of report.pages) {
    if (page.status === 'not a post') continue
    if (page.status === 'skipped') {
      lines.push(`skipped ${prefix}${page.source}: ${page.reason}`)
      continue
    }
    lines.push(`${page.status} ${prefix}${page.source} -> ${page.target} (${page.url}${page.hugoUrl !== page.url ? `, alias ${page.hugoUrl}` : ''})`)
    for (const note of page.notes) lines.push(`  ${prefix}${page.source}:${note.line}: ${note.message}`)
  }
  const others = report.pages.filter((page) => page.status === 'not a post')
  if (others.length) {
    lines.push('not imported (not posts):')
    for (const page of others) lines.push(`  ${prefix}${page.source}: ${page.reason}`)
  }
  const { imported, withNotes, skipped, notPosts } = report.counts
  lines.push(
    `Summary: ${imported} imported, ${withNotes} imported with notes, ${skipped} skipped; ${notPosts} page(s) not posts` +
      (options.dryRun ? ' (dry run: nothing written)' : ''),
  )
  return lines.join('\n')
}
