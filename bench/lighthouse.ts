/**
 * `npm run bench:lighthouse`: Lighthouse 12 with its mobile defaults (emulated phone, simulated slow 4G and
 * CPU throttling) in Debian's Chromium, on the home page, a post and a tag page of the 13-post corpus:
 * ours from `npm start` (server.mjs on the scratch copy's out/), Hugo's from nginx with the bench's config.
 * Prints one table, ours next to Hugo's, and writes the figures as JSON (bench/results/ unless --out).
 * Chromium reaches nothing but 127.0.0.1: background services are off, every host name fails to resolve
 * and any other address goes to a dead proxy; the script checks every request Lighthouse saw.
 *
 *   npm run bench:lighthouse                       builds the 13-post corpus in /tmp/blog-bench/site, 3 runs a page
 *   npm run bench:lighthouse -- --runs 1 --out /tmp/lighthouse.json
 *   npm run bench:lighthouse -- --no-build         reuses the last build of that scratch copy (13 posts)
 */
import { execFile, execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { launch } from 'chrome-launcher'
import type { Result as LighthouseResult } from 'lighthouse'
import { runMeasured } from './measure'
import type { PageName } from './results'
import { BLOG_NOW, cleanOutputs, makeScratchSite, prepareCorpus, PROBE_POST, PROBE_TAG, readPostPath, runBuildSteps, SITE, WORK } from './scratch'
import { startNextServer, startNginx, type Server } from './servers'
import { median } from './stats'

const ROOT = resolve(import.meta.dirname, '..')
const POSTS = 13
const PORTS = { ours: 4021, hugo: 4023 }
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const
type Category = (typeof CATEGORIES)[number]

/**
 * Headless Chromium with nothing that phones home. chrome-launcher adds its own defaults too (no first run,
 * no sync, no component updates, no background networking); these repeat the ones that matter and close the
 * rest: every host name but 127.0.0.1 fails to resolve (the rules apply to address literals too, hence the
 * EXCLUDE), and a connection to any other address goes to a proxy on a closed port (Chromium never
 * proxies loopback).
 */
export const CHROME_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-domain-reliability',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-client-side-phishing-detection',
  '--disable-breakpad',
  '--disable-crash-reporter',
  '--metrics-recording-only',
  '--no-first-run',
  '--no-default-browser-check',
  '--no-pings',
  '--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication,CertificateTransparencyComponentUpdater,DialMediaRouteProvider,NetworkTimeServiceQuerying',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
  '--proxy-server=http://127.0.0.1:9',
]

export type PageScores = Record<Category, number> & { lcpMs: number; tbtMs: number }
export type LighthouseRun = PageScores & { url: string; failedAudits: string[]; offHostRequests: string[] }
export type LighthouseReport = {
  startedAt: string
  finishedAt: string
  lighthouse: string
  chromium: string
  runsPerPage: number
  pages: Record<PageName, { path: string; ours: PageScores; hugo: PageScores; oursRuns: LighthouseRun[]; hugoRuns: LighthouseRun[] }>
}

type Flags = { runs: string; out: string; 'no-build': boolean }

function readFlags(): Flags {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '3' },
      out: { type: 'string', default: join(ROOT, 'bench', 'results', 'lighthouse-latest.json') },
      'no-build': { type: 'boolean', default: false },
    },
  })
  return values as Flags
}

function log(message: string): void {
  console.error(`[lighthouse ${new Date().toISOString().slice(11, 19)}] ${message}`)
}

/** The median of every figure over the runs (each figure on its own, as the bench's other medians are). */
export function summarizeRuns(runs: readonly PageScores[]): PageScores {
  const of = (key: keyof PageScores) => median(runs.map((run) => run[key]))
  return {
    performance: of('performance'),
    accessibility: of('accessibility'),
    'best-practices': of('best-practices'),
    seo: of('seo'),
    lcpMs: of('lcpMs'),
    tbtMs: of('tbtMs'),
  }
}

/** Requests that did not go to 127.0.0.1 (there must be none): from Lighthouse's own network log. */
export function findOffHostRequests(urls: readonly string[]): string[] {
  return urls.filter((url) => {
    if (url.startsWith('data:') || url.startsWith('blob:') || url.startsWith('about:')) return false
    try {
      return new URL(url).hostname !== '127.0.0.1'
    } catch {
      return true
    }
  })
}

/**
 * One Lighthouse run through its own CLI in plain Node, attached to the Chromium on `port`. Not the Node
 * API in this process: tsx compiles with keepNames, and the functions Lighthouse sends into the page would
 * then call a __name helper the page does not have.
 */
async function runLighthouse(url: string, port: number): Promise<LighthouseRun> {
  const outputPath = join(tmpdir(), `bench-lighthouse-${process.pid}-${Date.now()}.json`)
  const cli = join(ROOT, 'node_modules', 'lighthouse', 'cli', 'index.js')
  const args = [cli, url, `--port=${port}`, '--output=json', `--output-path=${outputPath}`, `--only-categories=${CATEGORIES.join(',')}`, '--quiet']
  await new Promise<void>((resolvePromise, reject) => {
    execFile(process.execPath, args, { maxBuffer: 64 * 2 ** 20 }, (error, _stdout, stderr) =>
      error ? reject(new Error(`Lighthouse failed on ${url}: ${error.message}\n${stderr.slice(-2000)}`)) : resolvePromise(),
    )
  })
  const result = { lhr: JSON.parse(readFileSync(outputPath, 'utf8')) as LighthouseResult }
  rmSync(outputPath, { force: true })
  const { lhr } = result
  if (lhr.runtimeError) throw new Error(`Lighthouse could not load ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`)
  const score = (category: Category) => Math.round((lhr.categories[category]?.score ?? Number.NaN) * 100)
  const requests = (lhr.audits['network-requests']?.details as { items?: { url?: string }[] } | undefined)?.items ?? []
  const failedAudits = CATEGORIES.flatMap((category) =>
    (lhr.categories[category]?.auditRefs ?? [])
      .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 1)
      .map((ref) => `${category}: ${ref.id} (${lhr.audits[ref.id]?.displayValue ?? lhr.audits[ref.id]?.score})`),
  )
  return {
    url,
    performance: score('performance'),
    accessibility: score('accessibility'),
    'best-practices': score('best-practices'),
    seo: score('seo'),
    lcpMs: Math.round(lhr.audits['largest-contentful-paint']?.numericValue ?? Number.NaN),
    tbtMs: Math.round(lhr.audits['total-blocking-time']?.numericValue ?? Number.NaN),
    failedAudits,
    offHostRequests: findOffHostRequests(requests.flatMap((item) => item.url ?? [])),
  }
}

/** The table: one row per page, each cell ours / Hugo's. */
export function formatLighthouseTable(report: Pick<LighthouseReport, 'pages'>): string {
  const lines = [
    '| page | performance | accessibility | best practices | SEO | LCP | TBT |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...(Object.entries(report.pages) as [PageName, LighthouseReport['pages'][PageName]][]).map(([page, { path, ours, hugo }]) => {
      const pair = (key: keyof PageScores, unit = '') => `${ours[key]}${unit} / ${hugo[key]}${unit}`
      return `| ${page} (\`${path}\`), ours / Hugo | ${pair('performance')} | ${pair('accessibility')} | ${pair('best-practices')} | ${pair('seo')} | ${pair('lcpMs', ' ms')} | ${pair('tbtMs', ' ms')} |`
    }),
  ]
  return lines.join('\n')
}

function readVersion(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8' }).trim()
  } catch (error) {
    return `unavailable (${(error as Error).message.split('\n')[0]})`
  }
}

async function buildSites(hugoDir: string, reuse: boolean): Promise<void> {
  if (reuse) {
    const posts = readdirSync(join(SITE, 'content', 'posts')).filter((file) => file.endsWith('.mdx')).length
    if (posts !== POSTS || !existsSync(join(SITE, 'out', 'index.html')) || !existsSync(join(hugoDir, 'public', 'index.html'))) {
      throw new Error(`--no-build needs a built ${POSTS}-post scratch copy in ${SITE} and ${hugoDir}/public; run once without --no-build.`)
    }
    return
  }
  log(`copying the project into ${SITE}; ${POSTS}-post corpus`)
  makeScratchSite(ROOT, SITE)
  prepareCorpus(ROOT, POSTS)
  log('npm run build (scratch copy)')
  cleanOutputs(SITE, false)
  await runBuildSteps(SITE, { BLOG_NOW, NEXT_TELEMETRY_DISABLED: '1' })
  log('hugo')
  await runMeasured('hugo', ['--quiet', '-s', hugoDir, '-d', join(hugoDir, 'public'), '--cacheDir', join(hugoDir, 'cache')], { cwd: hugoDir })
}

async function main(): Promise<void> {
  const flags = readFlags()
  const started = new Date()
  const runs = Number(flags.runs)
  const chromePath = process.env.CHROME_PATH || '/usr/bin/chromium'
  if (!existsSync(chromePath)) throw new Error(`No Chromium at ${chromePath}; install Debian's (apt-get install -y chromium) or set CHROME_PATH.`)
  const hugoDir = join(WORK, `hugo-${POSTS}`)
  await buildSites(hugoDir, flags['no-build'])
  const paths: Record<PageName, string> = { home: '/', post: readPostPath(join(SITE, 'content', 'posts'), PROBE_POST), tag: `/tags/${PROBE_TAG}/` }
  const servers: Server[] = []
  let chrome: Awaited<ReturnType<typeof launch>> | undefined
  try {
    const ours = await startNextServer(SITE, PORTS.ours)
    servers.push(ours)
    const hugo = await startNginx(
      'nginx (Hugo)',
      join(hugoDir, 'public'),
      PORTS.hugo,
      join(WORK, 'nginx-lighthouse-hugo'),
      join(ROOT, 'bench', 'nginx.conf.template'),
    )
    servers.push(hugo)
    chrome = await launch({ chromePath, chromeFlags: CHROME_FLAGS, logLevel: 'error' })
    const pages = {} as LighthouseReport['pages']
    for (const [page, path] of Object.entries(paths) as [PageName, string][]) {
      const oursRuns: LighthouseRun[] = []
      const hugoRuns: LighthouseRun[] = []
      for (let run = 1; run <= runs; run++) {
        // Alternating, so a noisy moment on this shared machine falls on both sites rather than one.
        oursRuns.push(await runLighthouse(ours.origin + path, chrome.port))
        hugoRuns.push(await runLighthouse(hugo.origin + path, chrome.port))
        log(`${page} run ${run}/${runs}: performance ${oursRuns.at(-1)?.performance} / ${hugoRuns.at(-1)?.performance}`)
      }
      const offHost = [...oursRuns, ...hugoRuns].flatMap((run) => run.offHostRequests)
      if (offHost.length > 0) throw new Error(`Chromium requested something not on 127.0.0.1: ${offHost.join(', ')}`)
      pages[page] = { path, ours: summarizeRuns(oursRuns), hugo: summarizeRuns(hugoRuns), oursRuns, hugoRuns }
    }
    const report: LighthouseReport = {
      startedAt: started.toISOString(),
      finishedAt: new Date().toISOString(),
      lighthouse: (JSON.parse(readFileSync(join(ROOT, 'node_modules', 'lighthouse', 'package.json'), 'utf8')) as { version: string }).version,
      chromium: readVersion(chromePath, ['--version']),
      runsPerPage: runs,
      pages,
    }
    const out = resolve(flags.out)
    mkdirSync(resolve(out, '..'), { recursive: true })
    writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`)
    console.log(
      `\nLighthouse ${report.lighthouse}, mobile defaults, ${report.chromium}; ${POSTS} posts; median of ${runs} run(s) a page; ours: npm start, Hugo: nginx\n`,
    )
    console.log(formatLighthouseTable(report))
    console.log('\nAudits below 1 on our pages (first run):')
    for (const [page, { oursRuns }] of Object.entries(pages)) console.log(`- ${page}: ${oursRuns[0]?.failedAudits.join('; ') || 'none'}`)
    console.log(`\nWrote ${out}`)
  } finally {
    await chrome?.kill()
    for (const server of servers) await server.stop()
  }
}

// Run, not imported (bench.test.ts imports the table and the checks).
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    process.exitCode = 1
  })
}
