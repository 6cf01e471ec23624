/**
 * `npm run bench`: builds and serves our site and a minimal Hugo site on the same generated corpus,
 * in one run, and prints one table (ours, Hugo's, ratio) that it also writes as JSON for history.
 * Flags: --full adds 5,000 posts; --sizes 13,1000 picks corpus sizes; --build-runs / --load-runs set
 * repetitions; --no-serve and --no-dev skip the serving and dev-loop parts; --dev-only measures only the
 * dev loop (write results elsewhere with --out, so latest.json keeps the whole run).
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, totalmem } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { parsePostDate } from '../lib/dates'
import { buildPermalink } from '../lib/urls'
import { writeCorpus } from './corpus'
import { measureDevLoop } from './dev-loop'
import { countOutput } from './files'
import { writeHugoSite } from './hugo'
import { measureLoad, type LoadFigures } from './load'
import { readTreeRssMiB, runMeasured, type RunFigures } from './measure'
import { measurePageWeight } from './page-weight'
import { startDevServers, startNextServer, startNginx, type Server } from './servers'
import { printReport } from './report'
import type { BenchReport, Figures, Machine, PathName, ServerName, SizeResult } from './results'
import { summarize, type Spread } from './stats'

const ROOT = resolve(import.meta.dirname, '..')
const WORK = '/tmp/blog-bench'
/** Every generated post is dated before this, so none is scheduled whatever the clock says. */
const BLOG_NOW = '2026-12-31T00:00:00Z'
/** The real post and tag every corpus has, so the loaded pages are the same at every size. */
const PROBE_POST = 'kafka-in-finance-what-exactly-once-actually-costs-you'
const PROBE_TAG = 'kafka'
const PORTS = { next: 4011, exportNginx: 4012, hugoNginx: 4013, dev: 4014 }

const { values: flags } = parseArgs({
  options: {
    full: { type: 'boolean', default: false },
    sizes: { type: 'string' },
    'build-runs': { type: 'string' },
    'load-runs': { type: 'string', default: '3' },
    'load-seconds': { type: 'string', default: '10' },
    'soak-seconds': { type: 'string', default: '60' },
    'no-serve': { type: 'boolean', default: false },
    'no-dev': { type: 'boolean', default: false },
    'dev-only': { type: 'boolean', default: false },
    out: { type: 'string', default: join(ROOT, 'bench', 'results', 'latest.json') },
  },
})

const sizes = (flags.sizes ?? (flags.full ? '13,1000,5000' : '13,1000')).split(',').map(Number)
const loadRuns = Number(flags['load-runs'])
const loadSeconds = Number(flags['load-seconds'])
const soakSeconds = Number(flags['soak-seconds'])
/** Builds are the slow part: three runs while they are short, fewer as they grow. */
function buildRunsFor(posts: number): number {
  if (flags['build-runs']) return Number(flags['build-runs'])
  return posts <= 100 ? 3 : posts <= 1000 ? 2 : 1
}

function log(message: string): void {
  console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`)
}

function summarizeRuns(runs: readonly RunFigures[]): Figures {
  return {
    wallS: summarize(runs.map((run) => run.wallS)),
    cpuS: summarize(runs.map((run) => run.cpuS)),
    peakTreeRssMiB: summarize(runs.map((run) => run.peakTreeRssMiB)),
    maxProcessRssMiB: summarize(runs.map((run) => run.maxProcessRssMiB)),
  }
}

/** Two steps run back to back: times add up, memory is the larger peak. */
function chain(first: RunFigures, second: RunFigures): RunFigures {
  return {
    wallS: first.wallS + second.wallS,
    cpuS: first.cpuS + second.cpuS,
    peakTreeRssMiB: Math.max(first.peakTreeRssMiB, second.peakTreeRssMiB),
    maxProcessRssMiB: Math.max(first.maxProcessRssMiB, second.maxProcessRssMiB),
  }
}

function clean(...paths: string[]): void {
  for (const path of paths) rmSync(path, { recursive: true, force: true })
}

function readPostPath(contentDir: string): string {
  const source = readFileSync(join(contentDir, 'posts', `${PROBE_POST}.mdx`), 'utf8')
  const raw = /^date:\s*(.+)$/m.exec(source)?.[1] ?? ''
  const date = parsePostDate(raw)
  if (typeof date === 'string') throw new Error(`content/posts/${PROBE_POST}.mdx: date: ${date}`)
  return buildPermalink(date, PROBE_POST)
}

function tracesShiki(buildDir: string): boolean {
  const traces = execFileSync('find', [join(buildDir, 'server'), '-name', '*.nft.json'], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
  return traces.some((file) => readFileSync(file, 'utf8').includes('node_modules/shiki/'))
}

async function measureBuilds(posts: number, contentDir: string, hugoDir: string): Promise<Omit<SizeResult, 'paths'>> {
  const env = { CONTENT_DIR: contentDir, BLOG_NOW, NEXT_TELEMETRY_DISABLED: '1' }
  const runs = buildRunsFor(posts)
  const contentRuns: RunFigures[] = []
  const nextRuns: RunFigures[] = []
  const exportRuns: RunFigures[] = []
  const hugoRuns: RunFigures[] = []
  for (let run = 1; run <= runs; run++) {
    log(`${posts} posts, run ${run}/${runs}: contentlayer2 build`)
    clean(join(ROOT, '.contentlayer'))
    contentRuns.push(await runMeasured(process.execPath, ['node_modules/contentlayer2/bin/cli.cjs', 'build'], { cwd: ROOT, env }))
    log(`${posts} posts, run ${run}/${runs}: next build (${contentRuns.at(-1)?.wallS.toFixed(1)} s for content)`)
    clean(join(ROOT, '.next'))
    nextRuns.push(await runMeasured(process.execPath, ['node_modules/next/dist/bin/next', 'build'], { cwd: ROOT, env }))
    log(`${posts} posts, run ${run}/${runs}: static export (${nextRuns.at(-1)?.wallS.toFixed(1)} s for next build)`)
    clean(join(ROOT, 'out'))
    exportRuns.push(await runMeasured(process.execPath, ['node_modules/next/dist/bin/next', 'build'], { cwd: ROOT, env: { ...env, NEXT_OUTPUT: 'export' } }))
  }
  // Hugo takes seconds, so it gets more runs for a steadier median.
  for (let run = 1; run <= Math.max(runs, 5); run++) {
    clean(join(hugoDir, 'public'), join(hugoDir, 'resources'))
    hugoRuns.push(await runMeasured('hugo', ['--quiet', '-s', hugoDir, '-d', join(hugoDir, 'public'), '--cacheDir', join(hugoDir, 'cache')], { cwd: hugoDir }))
  }
  log(`${posts} posts: builds done; Hugo median ${summarize(hugoRuns.map((r) => r.wallS)).median.toFixed(1)} s`)
  const contentlayer = summarizeRuns(contentRuns)
  return {
    posts,
    buildRuns: runs,
    contentlayer: { ...contentlayer, perPostMs: summarize(contentRuns.map((run) => (run.wallS * 1000) / posts)) },
    build: {
      ...summarizeRuns(nextRuns.map((next, index) => chain(contentRuns[index] as RunFigures, next))),
      nextBuildWallS: summarize(nextRuns.map((run) => run.wallS)),
    },
    export: summarizeRuns(exportRuns.map((exp, index) => chain(contentRuns[index] as RunFigures, exp))),
    hugo: summarizeRuns(hugoRuns),
    outputs: {
      // The server build's output, without Turbopack's cache, which is not served.
      serverBuild: countOutput(join(ROOT, '.next'), (path) => path === 'cache'),
      export: countOutput(join(ROOT, 'out'), (path) => path === 'cache' || path === 'server' || path === 'types'),
      hugo: countOutput(join(hugoDir, 'public')),
    },
    shikiInServerBuild: tracesShiki(join(ROOT, '.next')),
  }
}

async function loadEach(servers: Record<ServerName, Server>, paths: Record<PathName, string>): Promise<NonNullable<SizeResult['load']>> {
  const result = {} as NonNullable<SizeResult['load']>
  for (const [serverName, server] of Object.entries(servers) as [ServerName, Server][]) {
    result[serverName] = {} as Record<PathName, Record<keyof LoadFigures, Spread>>
    for (const [pathName, path] of Object.entries(paths) as [PathName, string][]) {
      const runs: LoadFigures[] = []
      for (let run = 1; run <= loadRuns; run++) runs.push(await measureLoad(server.origin + path, 64, loadSeconds, run === 1 ? 3 : 0))
      const figures = {} as Record<keyof LoadFigures, Spread>
      for (const key of Object.keys(runs[0] as LoadFigures) as (keyof LoadFigures)[]) figures[key] = summarize(runs.map((run) => run[key]))
      result[serverName][pathName] = figures
      log(`${server.name} ${path}: ${figures.requestsPerSecond.median} req/s`)
    }
  }
  return result
}

async function measureServing(
  exportDir: string,
  hugoPublic: string,
  paths: Record<PathName, string>,
): Promise<Pick<SizeResult, 'load' | 'weights' | 'nextStart'>> {
  const started: Server[] = []
  try {
    const servers: Record<ServerName, Server> = {
      nextStart: await startNextServer(ROOT, PORTS.next).then((server) => (started.push(server), server)),
      exportNginx: await startNginx(
        'nginx (our export)',
        exportDir,
        PORTS.exportNginx,
        join(WORK, 'nginx-export'),
        join(ROOT, 'bench', 'nginx.conf.template'),
      ).then((server) => (started.push(server), server)),
      hugoNginx: await startNginx('nginx (Hugo)', hugoPublic, PORTS.hugoNginx, join(WORK, 'nginx-hugo'), join(ROOT, 'bench', 'nginx.conf.template')).then(
        (server) => (started.push(server), server),
      ),
    }
    for (const server of Object.values(servers)) {
      for (const path of Object.values(paths)) {
        const response = await fetch(server.origin + path)
        if (response.status !== 200) throw new Error(`${server.name} answers ${response.status} for ${path}; every server must serve every probed path.`)
      }
    }
    const weights = {} as NonNullable<SizeResult['weights']>
    for (const name of ['exportNginx', 'hugoNginx'] as const) {
      const origin = servers[name].origin
      const feed = await fetch(origin + paths.tagFeed).then((response) => response.arrayBuffer())
      weights[name] = {
        home: await measurePageWeight(origin + paths.home),
        post: await measurePageWeight(origin + paths.post),
        tag: await measurePageWeight(origin + paths.tag),
        tagFeed: feed.byteLength,
      }
    }
    const load = await loadEach(servers, paths)
    const postUrl = servers.nextStart.origin + paths.post
    log(`npm start: ${paths.post} at 256 connections`)
    const at256 = await measureLoad(postUrl, 256, loadSeconds, 3)
    log(`npm start: ${soakSeconds} s soak at 64 connections`)
    const rssStartMiB = readTreeRssMiB(servers.nextStart.pid)
    // Sampled through the run, so the table can tell memory that levels off from memory that keeps growing.
    const rssHalfwayMiB = new Promise<number>((resolve) => setTimeout(() => resolve(readTreeRssMiB(servers.nextStart.pid)), (soakSeconds * 1000) / 2))
    const soak = await measureLoad(postUrl, 64, soakSeconds, 0)
    const rssEndMiB = readTreeRssMiB(servers.nextStart.pid)
    return { load, weights, nextStart: { at256, soak: { ...soak, seconds: soakSeconds, rssStartMiB, rssHalfwayMiB: await rssHalfwayMiB, rssEndMiB } } }
  } finally {
    for (const server of started) await server.stop()
  }
}

async function measureDev(contentDir: string, postPath: string): Promise<NonNullable<SizeResult['dev']>> {
  const env = { CONTENT_DIR: contentDir, NEXT_TELEMETRY_DISABLED: '1' }
  log('dev loop: contentlayer2 build, then contentlayer2 dev + next dev')
  await runMeasured(process.execPath, ['node_modules/contentlayer2/bin/cli.cjs', 'build'], { cwd: ROOT, env })
  const server = await startDevServers(ROOT, PORTS.dev, env)
  try {
    // The first edit after start-up waits for contentlayer2 dev's own initial pass; it is reported, not hidden.
    // contentlayer.config.ts rewrites this stamp once contentlayer2 dev has written every post of a pass.
    const generatedFile = join(ROOT, '.contentlayer', 'generation.json')
    const figures = await measureDevLoop(join(contentDir, 'posts', `${PROBE_POST}.mdx`), server.origin + postPath, generatedFile, 5)
    return { ...figures, editToRefresh: summarize(figures.editToRefreshS), contentRebuild: summarize(figures.contentRebuildS) }
  } finally {
    await server.stop()
  }
}

function readMachine(): Machine {
  const version = (command: string, args: string[]) => {
    try {
      return (
        execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
          .trim()
          .split('\n')[0] ?? ''
      )
    } catch (error) {
      return `unavailable (${(error as Error).message.split('\n')[0]})`
    }
  }
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    next: JSON.parse(readFileSync(join(ROOT, 'node_modules', 'next', 'package.json'), 'utf8')).version as string,
    hugo: version('hugo', ['version']),
    nginx: version('sh', ['-c', 'nginx -v 2>&1']),
    loadAverageAtStart: loadavg().map((value) => Math.round(value * 100) / 100),
    commit: version('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD']),
  }
}

async function main(): Promise<void> {
  for (const tool of ['hugo', 'nginx', '/usr/bin/time']) {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' })
    } catch {
      throw new Error(`${tool} is missing; install it with: apt-get install -y hugo nginx time`)
    }
  }
  const started = new Date()
  const machine = readMachine()
  const results: SizeResult[] = []
  const serve = !flags['no-serve']
  for (const posts of sizes) {
    const contentDir = join(WORK, `corpus-${posts}`)
    const hugoDir = join(WORK, `hugo-${posts}`)
    log(`${posts} posts: writing the corpus and the Hugo site`)
    writeCorpus({ count: posts, contentDir, realPostsDir: join(ROOT, 'content', 'posts') })
    if (flags['dev-only']) {
      results.push({ posts, dev: await measureDev(contentDir, readPostPath(contentDir)) } as SizeResult)
      writeResults(started, machine, results)
      continue
    }
    writeHugoSite({ templateDir: join(ROOT, 'bench', 'hugo-site'), contentDir, cssFile: join(ROOT, 'app', 'globals.css'), siteDir: hugoDir })
    const result: SizeResult = await measureBuilds(posts, contentDir, hugoDir)
    const paths: Record<PathName, string> = { home: '/', post: readPostPath(contentDir), tag: `/tags/${PROBE_TAG}/`, tagFeed: `/tags/${PROBE_TAG}/index.xml` }
    result.paths = paths
    if (serve) Object.assign(result, await measureServing(join(ROOT, 'out'), join(hugoDir, 'public'), paths))
    // The dev loop is measured at 1,000 posts, as the issue asks (or at the largest size below it).
    const devSize = sizes.filter((size) => size <= 1000).at(-1)
    if (!flags['no-dev'] && posts === devSize) result.dev = await measureDev(contentDir, paths.post)
    results.push(result)
    writeResults(started, machine, results)
  }
  if (flags['dev-only']) {
    for (const { posts, dev } of results)
      console.log(
        `${posts} posts, dev: edit saved → new text served ${JSON.stringify(dev?.editToRefreshS)} s, contentlayer2 dev ${JSON.stringify(dev?.contentRebuildS)} s`,
      )
    return
  }
  printReport(JSON.parse(readFileSync(flags.out as string, 'utf8')) as BenchReport)
}

function writeResults(started: Date, machine: Machine, results: SizeResult[]): void {
  const out = flags.out as string
  mkdirSync(resolve(out, '..'), { recursive: true })
  const report: BenchReport = {
    startedAt: started.toISOString(),
    finishedAt: new Date().toISOString(),
    machine,
    settings: { loadRuns, loadSeconds, soakSeconds, connections: 64 },
    sizes: results,
  }
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`)
  // A dated copy beside latest.json keeps the history that the issue asks the JSON to be for.
  writeFileSync(join(resolve(out, '..'), `${started.toISOString().slice(0, 19).replace(/:/g, '-')}.json`), `${JSON.stringify(report, null, 2)}\n`)
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
})
