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
    for (const page of others) {
      const lost = page.lostUrls ?? []
      const what = lost.length === 1 ? `its old URL ${lost[0]} will not answer` : `its old URLs ${lost.join(', ')} will not answer`
      lines.push(`  ${prefix}${page.source}: ${page.reason}${lost.length ? `; ${what}` : ''}`)
    }
  }
  const added = report.redirects.filter((redirect) => redirect.status === 'added')
  const kept = report.redirects.filter((redirect) => redirect.status === 'already there')
  if (report.redirects.length) {
    lines.push(
      `redirects in ${report.redirectsFile}: ${added.length} ${options.dryRun ? 'to add' : 'added'}, ${kept.length} already there` +
        (kept.length ? ' (lines already in the file are kept as they are)' : ''),
    )
    // Each line added, and each one the file already had with another target; identical lines are only counted.
    const shown = report.redirects.filter((redirect) => redirect.status === 'added' || redirect.existing !== redirect.to)
    for (const why of [...new Set(shown.map((redirect) => redirect.why))]) {
      lines.push(`  ${why}:`)
      for (const redirect of shown.filter((r) => r.why === why)) {
        lines.push(
          `    ${redirect.from} -> ${redirect.status === 'added' ? redirect.to : `${redirect.existing} (already there; the import would send it to ${redirect.to})`}`,
        )
      }
    }
  }
  const { imported, withNotes, skipped, notPosts } = report.counts
  lines.push(
    `Summary: ${imported} imported, ${withNotes} imported with notes, ${skipped} skipped; ${notPosts} page(s) not posts` +
      (options.dryRun ? ' (dry run: nothing written)' : ''),
  )
  return lines.join('\n')
}

/**
 * The --urls file: every old URL of the Hugo site the import knows, one a line, for `npm run check-urls`
 * (which reads the first path of a line and skips # comments). "old new" for each published post, then
 * "old new # redirect" for each redirect of redirects.txt, then "old # not imported: file" for the URLs of
 * pages left out, which will fail. A draft's line is a comment: Hugo did not publish it either.
 */
export function formatUrlList(report: ImportReport): string {
  const prefix = `${report.config.contentDir}/`
  const lines = [
    ...report.urls.map(({ hugoUrl, url, draft }) => (draft ? `# ${hugoUrl} ${url} (a draft: not published)` : `${hugoUrl} ${url}`)),
    ...report.redirects.map(({ from, to, existing }) => `${from} ${existing ?? to} # redirect`),
    ...report.pages.flatMap((page) => (page.lostUrls ?? []).map((url) => `${url} # not imported: ${prefix}${page.source}`)),
  ]
  return lines.length ? `${lines.join('\n')}\n` : ''
}
