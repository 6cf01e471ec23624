/**
 * `npm run bench`: builds and serves our site and a minimal Hugo site on the same generated corpus,
 * in one run, and prints one table (ours, Hugo's, ratio) that it also writes as JSON for history.
 * Everything of ours is built in a scratch copy of the project (/tmp/blog-bench/site, bench/scratch.ts),
 * so the developer's .contentlayer/, .next/, .next-export/, .builds/ and out/ are never touched.
 * Flags: --full adds 5,000 posts; --sizes 13,1000 picks corpus sizes; --build-runs / --load-runs set
 * repetitions; --load-seconds, --soak-seconds (npm start at 64 and 256 connections); --no-serve and
 * --no-dev skip the serving and dev-loop parts; --dev-only measures only the dev loop; --reuse-site keeps
 * the scratch copy's sources as they are (to measure a patched copy); --out FILE writes the results
 * elsewhere (a smoke run must, so latest.json keeps the last whole run); --report FILE only prints the
 * table and targets of an earlier run's JSON.
 */
import { execFileSync } from 'node:child_process'
import { get } from 'node:http'
import { existsSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, totalmem } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { measureDevLoop } from './dev-loop'
import { countOutput, digestTree } from './files'
import { measureLoad, measureSoak, REQUEST_HEADERS, type LoadFigures } from './load'
import { readTreeRssMiB, runMeasured, type RunFigures } from './measure'
import { measurePageWeight, resolveSiteFile } from './page-weight'
import { printReport } from './report'
import type { BenchReport, BuildFigures, Figures, Machine, PathName, ProbeFigures, ServerName, SizeResult } from './results'
import {
  BLOG_NOW,
  chainSteps,
  cleanOutputs,
  labelStep,
  makeScratchSite,
  prepareCorpus,
  PROBE_POST,
  PROBE_TAG,
  readPostPath,
  runBuildSteps,
  SITE,
  WORK,
  type StepFigures,
} from './scratch'
import { assertRunning, startDeployNginx, startDevServers, startNextServer, startNginx, type Server } from './servers'
import { summarize, type Spread } from './stats'

const ROOT = resolve(import.meta.dirname, '..')
const PORTS = { nextStart: 4011, outNginx: 4012, hugoNginx: 4013, outDeployNginx: 4015, dev: 4014 }

const { values: flags } = parseArgs({
  options: {
    full: { type: 'boolean', default: false },
    sizes: { type: 'string' },
    'build-runs': { type: 'string' },
    'load-runs': { type: 'string', default: '3' },
    'load-seconds': { type: 'string', default: '10' },
    'soak-seconds': { type: 'string', default: '30' },
    'no-serve': { type: 'boolean', default: false },
    'no-dev': { type: 'boolean', default: false },
    'dev-only': { type: 'boolean', default: false },
    'reuse-site': { type: 'boolean', default: false },
    report: { type: 'string' },
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

/** Runs of `npm run build` (each a list of steps) as the whole build's figures and each step's. */
export function summarizeBuilds(runs: readonly StepFigures[][]): BuildFigures {
  const first = runs[0] ?? []
  return {
    ...summarizeRuns(runs.map((steps) => chainSteps(steps))),
    steps: first.map((step, index) => ({ command: step.command, ...summarizeRuns(runs.map((steps) => steps[index] as RunFigures)) })),
  }
}

function describeRun(steps: readonly StepFigures[]): string {
  return steps.map((step) => `${labelStep(step.command)} ${step.wallS.toFixed(1)} s`).join(', ')
}

async function measureBuilds(posts: number, hugoDir: string): Promise<Omit<SizeResult, 'paths'>> {
  const env = { BLOG_NOW, NEXT_TELEMETRY_DISABLED: '1' }
  const runs = buildRunsFor(posts)
  const postFile = join(SITE, 'content', 'posts', `${PROBE_POST}.mdx`)
  const original = readFileSync(postFile, 'utf8')
  const cold: StepFigures[][] = []
  const warm: StepFigures[][] = []
  const oneEdit: StepFigures[][] = []
  const hugoRuns: RunFigures[] = []
  /** Whether each run's last one-edit rebuild, which renders only what changed, made the cold build's out/ byte for byte. */
  const sameAsCold: boolean[] = []
  try {
    for (let run = 1; run <= runs; run++) {
      log(`${posts} posts, run ${run}/${runs}: cold npm run build`)
      cleanOutputs(SITE, false)
      cold.push(await runBuildSteps(SITE, env))
      const coldDigest = digestTree(join(SITE, 'out'))
      log(`${posts} posts, run ${run}/${runs}: cold ${describeRun(cold.at(-1) ?? [])}; warm rebuild`)
      cleanOutputs(SITE, true)
      warm.push(await runBuildSteps(SITE, env))
      log(`${posts} posts, run ${run}/${runs}: warm ${describeRun(warm.at(-1) ?? [])}; one-edit rebuilds`)
      // Two one-post edits: a sentence appended, then taken away again, so out/ ends as the corpus is.
      writeFileSync(postFile, `${original.trimEnd()}\n\nThis sentence was added by the bench, edit ${run}.\n`)
      cleanOutputs(SITE, true)
      oneEdit.push(await runBuildSteps(SITE, env))
      writeFileSync(postFile, original)
      cleanOutputs(SITE, true)
      oneEdit.push(await runBuildSteps(SITE, env))
      sameAsCold.push(digestTree(join(SITE, 'out')) === coldDigest)
      log(
        `${posts} posts, run ${run}/${runs}: one edit ${oneEdit.slice(-2).map(describeRun).join(' / ')}; out/ as the cold build's: ${sameAsCold.at(-1) ? 'yes' : 'NO'}`,
      )
    }
  } finally {
    writeFileSync(postFile, original)
  }
  // Hugo takes seconds, so it gets more runs for a steadier median.
  for (let run = 1; run <= Math.max(runs, 5); run++) {
    cleanFolders(join(hugoDir, 'public'), join(hugoDir, 'resources'), join(hugoDir, 'cache'))
    hugoRuns.push(await runMeasured('hugo', ['--quiet', '-s', hugoDir, '-d', join(hugoDir, 'public'), '--cacheDir', join(hugoDir, 'cache')], { cwd: hugoDir }))
  }
  log(`${posts} posts: builds done; Hugo median ${summarize(hugoRuns.map((r) => r.wallS)).median.toFixed(2)} s`)
  return {
    posts,
    buildRuns: runs,
    build: summarizeBuilds(cold),
    warm: summarizeBuilds(warm),
    oneEdit: summarizeBuilds(oneEdit),
    oneEditSameAsCold: sameAsCold.every(Boolean),
    contentPerPostMs: summarize(cold.map((steps) => ((steps[0]?.wallS ?? NaN) * 1000) / posts)),
    hugo: summarizeRuns(hugoRuns),
    outputs: {
      // The precompressed copies beside each file are not pages; Hugo writes none.
      out: countOutput(join(SITE, 'out'), (path) => path.endsWith('.br') || path.endsWith('.gz')),
      hugo: countOutput(join(hugoDir, 'public')),
    },
    shikiInServerBuild: tracesShiki(join(SITE, '.next')),
  }
}

/** Whether any prerender file of the build traces Shiki: it must not, since posts are highlighted once, in the content step. */
function tracesShiki(buildDir: string): boolean | undefined {
  if (!existsSync(join(buildDir, 'server'))) return undefined
  const traces = execFileSync('find', [join(buildDir, 'server'), '-name', '*.nft.json'], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
  return traces.some((file) => readFileSync(file, 'utf8').includes('node_modules/shiki/'))
}

function cleanFolders(...paths: string[]): void {
  for (const path of paths) rmSync(path, { recursive: true, force: true })
}

/** One GET with gzip asked for; the body's bytes as sent (not decoded), whether or not a Content-Length came with it. */
function probe(server: Server, path: string): Promise<ProbeFigures> {
  return new Promise((resolvePromise, reject) => {
    const request = get(server.origin + path, { headers: REQUEST_HEADERS }, (response) => {
      let bytes = 0
      response.on('data', (chunk: Buffer) => (bytes += chunk.length))
      response.on('end', () => {
        const status = response.statusCode ?? 0
        if (status !== 200) reject(new Error(`${server.name} answers ${status} for ${path}; every server must serve every probed path.`))
        else resolvePromise({ status, contentEncoding: String(response.headers['content-encoding'] ?? 'identity'), bytes })
      })
      response.on('error', reject)
    })
    request.on('error', reject)
  })
}

async function loadEach(servers: Record<ServerName, Server>, paths: Record<PathName, string>): Promise<NonNullable<SizeResult['load']>> {
  const result = {} as NonNullable<SizeResult['load']>
  for (const [serverName, server] of Object.entries(servers) as [ServerName, Server][]) {
    result[serverName] = {} as Record<PathName, Record<keyof LoadFigures, Spread>>
    for (const [pathName, path] of Object.entries(paths) as [PathName, string][]) {
      const runs: LoadFigures[] = []
      for (let run = 1; run <= loadRuns; run++) runs.push(await measureLoad(server.origin + path, 64, loadSeconds, run === 1 ? 3 : 0))
      assertRunning(server, `while loaded on ${path}`)
      const figures = {} as Record<keyof LoadFigures, Spread>
      for (const key of Object.keys(runs[0] as LoadFigures) as (keyof LoadFigures)[]) figures[key] = summarize(runs.map((run) => run[key]))
      result[serverName][pathName] = figures
      log(`${server.name} ${path}: ${figures.requestsPerSecond.median} req/s`)
    }
  }
  return result
}

async function measureServing(outDir: string, hugoPublic: string, paths: Record<PathName, string>): Promise<Pick<SizeResult, 'load' | 'probes' | 'nextStart'>> {
  const started: Server[] = []
  const keep = (server: Server) => (started.push(server), server)
  const template = join(ROOT, 'bench', 'nginx.conf.template')
  try {
    const servers: Record<ServerName, Server> = {
      nextStart: keep(await startNextServer(SITE, PORTS.nextStart)),
      outNginx: keep(await startNginx('nginx, bench config (our out/)', outDir, PORTS.outNginx, join(WORK, 'nginx-out'), template)),
      hugoNginx: keep(await startNginx('nginx, bench config (Hugo)', hugoPublic, PORTS.hugoNginx, join(WORK, 'nginx-hugo'), template)),
      outDeployNginx: keep(
        await startDeployNginx(
          'nginx, deploy config (our out/)',
          SITE,
          outDir,
          PORTS.outDeployNginx,
          join(WORK, 'nginx-deploy'),
          join(ROOT, 'bench', 'nginx-deploy.conf.template'),
        ),
      ),
    }
    const probes = {} as NonNullable<SizeResult['probes']>
    for (const [serverName, server] of Object.entries(servers) as [ServerName, Server][]) {
      probes[serverName] = {} as Record<PathName, ProbeFigures>
      for (const [pathName, path] of Object.entries(paths) as [PathName, string][]) probes[serverName][pathName] = await probe(server, path)
    }
    const load = await loadEach(servers, paths)
    const postUrl = servers.nextStart.origin + paths.post
    const rss = () => readTreeRssMiB(servers.nextStart.pid)
    log(`npm start: ${paths.post}, ${soakSeconds} s at 64 connections`)
    assertRunning(servers.nextStart, 'before the run at 64 connections')
    const at64 = await measureSoak(postUrl, 64, soakSeconds, rss)
    assertRunning(servers.nextStart, 'during the run at 64 connections')
    log(`npm start: ${paths.post}, ${soakSeconds} s at 256 connections`)
    const at256 = await measureSoak(postUrl, 256, soakSeconds, rss)
    assertRunning(servers.nextStart, 'during the run at 256 connections')
    return { load, probes, nextStart: { at64, at256 } }
  } finally {
    for (const server of started) await server.stop()
  }
}

async function measureDev(postPath: string): Promise<NonNullable<SizeResult['dev']>> {
  const env = { NEXT_TELEMETRY_DISABLED: '1' }
  log('dev loop: contentlayer2 build, then contentlayer2 dev + next dev (in the scratch copy)')
  await runMeasured(process.execPath, ['node_modules/contentlayer2/bin/cli.cjs', 'build'], { cwd: SITE, env })
  const server = await startDevServers(SITE, PORTS.dev, env)
  try {
    // The first edit after start-up waits for contentlayer2 dev's own initial pass; it is reported, not hidden.
    // contentlayer.config.ts rewrites this stamp once contentlayer2 dev has written every post of a pass.
    const generatedFile = join(SITE, '.contentlayer', 'generation.json')
    const figures = await measureDevLoop(server.origin, postPath, join(SITE, 'content', 'posts', `${PROBE_POST}.mdx`), generatedFile, 5)
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
  if (flags.report) {
    printReport(JSON.parse(readFileSync(flags.report, 'utf8')) as BenchReport)
    return
  }
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
  if (flags['reuse-site'] && existsSync(join(SITE, 'package.json'))) {
    log(`reusing the scratch copy ${SITE} as it is (--reuse-site): its sources may differ from this checkout`)
  } else {
    log(`copying the project into ${SITE} (node_modules hard-linked)`)
    makeScratchSite(ROOT, SITE)
  }
  for (const posts of sizes) {
    log(`${posts} posts: writing the corpus (${SITE}/content/posts) and the Hugo site`)
    const hugoDir = prepareCorpus(ROOT, posts)
    const postsDir = join(SITE, 'content', 'posts')
    const paths: Record<PathName, string> = {
      home: '/',
      post: readPostPath(postsDir, PROBE_POST),
      tag: `/tags/${PROBE_TAG}/`,
      tagFeed: `/tags/${PROBE_TAG}/index.xml`,
    }
    if (flags['dev-only']) {
      results.push({ posts, dev: await measureDev(paths.post) } as SizeResult)
      writeResults(started, machine, results)
      continue
    }
    const result: SizeResult = await measureBuilds(posts, hugoDir)
    result.paths = paths
    const outDir = realpathSync(join(SITE, 'out'))
    const hugoPublic = join(hugoDir, 'public')
    const feedBytes = (dir: string) => readFileSync(resolveSiteFile(dir, paths.tagFeed)).length
    // Our inline scripts as the copy that was built has them, not as this checkout may have them by now.
    const { INLINE_SCRIPTS } = (await import(pathToFileURL(join(SITE, 'lib', 'inline-scripts.mjs')).href)) as { INLINE_SCRIPTS: readonly string[] }
    const weighAll = (dir: string) => ({
      home: measurePageWeight(dir, paths.home, INLINE_SCRIPTS),
      post: measurePageWeight(dir, paths.post, INLINE_SCRIPTS),
      tag: measurePageWeight(dir, paths.tag, INLINE_SCRIPTS),
      tagFeed: feedBytes(dir),
    })
    result.weights = { ours: weighAll(outDir), hugo: weighAll(hugoPublic) }
    if (serve) Object.assign(result, await measureServing(outDir, hugoPublic, paths))
    // The dev loop at 13 and 1,000 posts, as issue 14 asks (not at 5,000: minutes per edit).
    if (!flags['no-dev'] && posts <= 1000) result.dev = await measureDev(paths.post)
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
    settings: { loadRuns, loadSeconds, soakSeconds, connections: 64, acceptEncoding: REQUEST_HEADERS['accept-encoding'] },
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
