/**
 * npm run import:hugo -- <hugo-site> [--out content] [--public public] [--sections posts,blog] [--force] [--dry-run] [--urls file]
 * Imports a Hugo site's posts as MDX under <out>/posts/ and prints the report. A bad site or config exits 1
 * with one line; --urls writes the old URLs, a line each, that check-urls reads (lib/hugo/report.ts formatUrlList).
 */
import { writeFileSync } from 'node:fs'
import { readBuildClock } from '../lib/content-rules'
import { ImportError, importHugoSite } from '../lib/hugo/import'
import { formatImportReport, formatUrlList } from '../lib/hugo/report'

const USAGE = 'usage: npm run import:hugo -- <hugo-site-dir> [--out content] [--public public] [--sections posts] [--force] [--dry-run] [--urls file]'

function main(argv: string[]): number {
  const positional: string[] = []
  const values: Record<string, string> = {}
  const flags = new Set<string>()
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    if (arg === '--force' || arg === '--dry-run' || arg === '--help') flags.add(arg)
    else if (['--out', '--public', '--sections', '--urls'].includes(arg)) {
      const value = argv[++i]
      if (!value) {
        console.error(`import:hugo: ${arg} needs a value; ${USAGE}`)
        return 2
      }
      values[arg] = value
    } else if (arg.startsWith('--')) {
      console.error(`import:hugo: unknown option ${arg}; ${USAGE}`)
      return 2
    } else positional.push(arg)
  }
  if (flags.has('--help')) {
    console.log(USAGE)
    return 0
  }
  const siteDir = positional[0]
  if (!siteDir || positional.length > 1) {
    console.error(`import:hugo: ${positional.length > 1 ? 'one site at a time' : 'no Hugo site given'}; ${USAGE}`)
    return 2
  }
  try {
    const started = performance.now()
    const report = importHugoSite({
      siteDir,
      outDir: values['--out'] ?? 'content',
      publicDir: values['--public'],
      sections: values['--sections']?.split(',').filter(Boolean),
      force: flags.has('--force'),
      dryRun: flags.has('--dry-run'),
      // The build's clock (BLOG_NOW, else now): what it will publish is what redirects may lead to.
      now: readBuildClock(),
    })
    console.log(formatImportReport(report, { dryRun: flags.has('--dry-run') }))
    console.error(`(${Math.round(performance.now() - started)} ms)`)
    if (values['--urls']) writeFileSync(values['--urls'], formatUrlList(report))
    return 0
  } catch (error) {
    if (error instanceof ImportError) {
      console.error(`import:hugo: ${error.message}`)
      return 1
    }
    throw error
  }
}

process.exitCode = main(process.argv.slice(2))
