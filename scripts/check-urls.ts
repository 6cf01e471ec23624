/**
 * npm run check-urls -- <list.txt | sitemap.xml | hugo public/ folder> [--base http://localhost:3000] [--concurrency 8]
 * Every old URL must answer 200, or a permanent redirect to a 200 on the same site. Prints each failure and
 * exits 1 if there is any; 2 when the arguments or the source cannot be used.
 */
import { checkUrls, formatFailure, readUrlSource } from '../lib/check-urls'

const USAGE = 'usage: npm run check-urls -- <list.txt | sitemap.xml | public/> [--base http://localhost:3000] [--concurrency 8]'

async function main(argv: string[]): Promise<number> {
  let base = 'http://localhost:3000'
  let concurrency = 8
  const sources: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    if (arg === '--base') base = argv[++i] ?? ''
    else if (arg === '--concurrency') concurrency = Number(argv[++i])
    else if (arg.startsWith('--')) {
      console.error(`check-urls: unknown option ${arg}; ${USAGE}`)
      return 2
    } else sources.push(arg)
  }
  let baseUrl: URL
  try {
    baseUrl = new URL(base)
  } catch {
    console.error(`check-urls: --base "${base}" is not a URL; ${USAGE}`)
    return 2
  }
  if (sources.length !== 1 || !Number.isInteger(concurrency) || concurrency < 1) {
    console.error(`check-urls: ${sources.length !== 1 ? 'give one source' : '--concurrency must be a positive whole number'}; ${USAGE}`)
    return 2
  }
  let paths: string[]
  try {
    paths = readUrlSource(sources[0] as string)
  } catch (error) {
    console.error(`check-urls: ${(error as Error).message}`)
    return 2
  }
  const results = await checkUrls(paths, baseUrl, { concurrency })
  const failures = results.filter((result) => !result.ok)
  for (const failure of failures) console.log(`FAIL ${formatFailure(failure)}`)
  console.log(`${results.length} URLs checked against ${baseUrl.origin}: ${results.length - failures.length} answer, ${failures.length} failed`)
  return failures.length ? 1 : 0
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code
})
