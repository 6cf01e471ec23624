/**
 * Turns a bench report into the one table the bench prints (and the README shows): each row has our
 * figure, Hugo's and the ratio, with the runs' spread, then the issue's targets checked against them.
 */
import type { LoadFigures, SoakFigures } from './load'
import type { PageWeight } from './page-weight'
import type { BenchReport, BuildFigures, Figures, PathName, ProbeFigures, ServerName, SizeResult } from './results'
import { labelStep } from './scratch'
import { formatNoise, type Spread } from './stats'

type Row = { metric: string; ours: string; hugo: string; ratio: string; noise: string }

const PATH_LABELS: Record<PathName, string> = { home: '/', post: 'post page', tag: 'tag page', tagFeed: 'tag feed' }

function formatRss(soak: SoakFigures): string {
  return `${fixed(soak.rssStartMiB, 0)} → ${fixed(soak.rssHalfwayMiB, 0)} → ${fixed(soak.rssEndMiB, 0)} MiB`
}

/** Memory is flat when it levels off: the second half of the run adds at most 10% (a warming heap grows in the first half). */
function isMemoryStable(soak: SoakFigures): boolean {
  return soak.rssEndMiB <= soak.rssHalfwayMiB * 1.1
}

function fixed(value: number, digits = 1): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
}

function ratio(ours: number, hugo: number): string {
  return hugo === 0 ? '—' : `${fixed(ours / hugo, 2)}×`
}

function kib(bytes: number): string {
  return `${fixed(bytes / 1024)} KiB`
}

function noise(ours: Spread, hugo?: Spread): string {
  return hugo ? `${formatNoise(ours)} / ${formatNoise(hugo)}` : formatNoise(ours)
}

function buildRows(label: string, ours: Figures, hugo: Figures): Row[] {
  return [
    {
      metric: `${label}: wall`,
      ours: `${fixed(ours.wallS.median)} s`,
      hugo: `${fixed(hugo.wallS.median, 2)} s`,
      ratio: ratio(ours.wallS.median, hugo.wallS.median),
      noise: noise(ours.wallS, hugo.wallS),
    },
    {
      metric: `${label}: CPU (user+sys)`,
      ours: `${fixed(ours.cpuS.median)} s`,
      hugo: `${fixed(hugo.cpuS.median, 2)} s`,
      ratio: ratio(ours.cpuS.median, hugo.cpuS.median),
      noise: noise(ours.cpuS, hugo.cpuS),
    },
    {
      metric: `${label}: peak memory (tree / largest process)`,
      ours: `${fixed(ours.peakTreeRssMiB.median, 0)} / ${fixed(ours.maxProcessRssMiB.median, 0)} MiB`,
      hugo: `${fixed(hugo.peakTreeRssMiB.median, 0)} MiB`,
      ratio: ratio(ours.peakTreeRssMiB.median, hugo.peakTreeRssMiB.median),
      noise: noise(ours.peakTreeRssMiB, hugo.peakTreeRssMiB),
    },
  ]
}

const SERVER_LABELS: Record<ServerName, string> = {
  nextStart: '(a) npm start',
  outNginx: '(b) out/ on the bench nginx config',
  hugoNginx: '(c) Hugo on the bench nginx config',
  outDeployNginx: '(d) out/ on our rendered nginx config',
}

/** The comparisons issue 12 names, each with its target: ours / base ≥ target. */
export const SERVING_COMPARISONS = [
  { ours: 'outNginx', base: 'hugoNginx', target: 0.9 },
  { ours: 'outDeployNginx', base: 'hugoNginx', target: 1.5 },
  { ours: 'nextStart', base: 'outNginx', target: 0.5 },
] as const satisfies readonly { ours: ServerName; base: ServerName; target: number }[]

/** The page paths the serving targets cover (the tag feed is measured and shown, not targeted). */
const TARGET_PATHS = ['home', 'post', 'tag'] as const satisfies readonly PathName[]

function loadCell(figures: Record<keyof LoadFigures, Spread>, probe?: ProbeFigures): string {
  const errors = figures.errors.max + figures.non2xx.max
  const wire = probe ? `, ${probe.contentEncoding} ${kib(probe.bytes)}` : ''
  return `${fixed(figures.requestsPerSecond.median, 0)} req/s (p50 ${figures.p50Ms.median} / p99 ${figures.p99Ms.median} ms${wire}${errors ? `, ${errors} errors` : ''})`
}

function soakCell(run: SoakFigures): string {
  return `${fixed(run.requestsPerSecond, 0)} req/s, p99 ${run.p99Ms} ms, ${run.errors} errors (${run.timeouts} timeouts), ${run.non2xx} non-2xx, RSS ${formatRss(run)}`
}

function firstVisitCell(weight: PageWeight): string {
  return `${kib(weight.firstVisit.gzip)} (HTML ${kib(weight.html.gzip)}, CSS ${kib(weight.css.gzip)}, JS ${kib(weight.js.gzip)})`
}

function frameworkCell(weight: PageWeight): string {
  return `${weight.framework.scripts} scripts, ${kib(weight.framework.bytes.gzip)} gzipped`
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '—' : `${Math.round((part / whole) * 100)}%`
}

function stepRows(label: string, ours: BuildFigures): Row[] {
  return ours.steps.map((step) => ({
    metric: `${label}, of which \`${step.command}\`: wall (CPU, peak tree memory)`,
    ours: `${fixed(step.wallS.median)} s = ${percent(step.wallS.median, ours.wallS.median)} (CPU ${fixed(step.cpuS.median)} s, ${fixed(step.peakTreeRssMiB.median, 0)} MiB)`,
    hugo: '',
    ratio: '',
    noise: noise(step.wallS),
  }))
}

function rebuildRow(label: string, ours: BuildFigures, hugo: Figures): Row {
  const shares = ours.steps.map((step) => `${labelStep(step.command)} ${fixed(step.wallS.median)} s`).join(', ')
  return {
    metric: `${label}: wall, vs Hugo's cold build`,
    ours: `${fixed(ours.wallS.median)} s (${shares})`,
    hugo: `${fixed(hugo.wallS.median, 2)} s`,
    ratio: ratio(ours.wallS.median, hugo.wallS.median),
    noise: noise(ours.wallS, hugo.wallS),
  }
}

function sizeRows(size: SizeResult): Row[] {
  const rows: Row[] = [...buildRows('npm run build, cold', size.build, size.hugo), ...stepRows('npm run build, cold', size.build)]
  if (size.warm) rows.push(rebuildRow('npm run build, warm (caches kept)', size.warm, size.hugo))
  if (size.oneEdit) rows.push(rebuildRow('npm run build, one post edited (caches kept)', size.oneEdit, size.hugo))
  rows.push(
    {
      metric: 'pages / files written (ours without the .br/.gz copies)',
      ours: `${size.outputs.out.htmlPages} / ${size.outputs.out.files}`,
      hugo: `${size.outputs.hugo.htmlPages} / ${size.outputs.hugo.files}`,
      ratio: ratio(size.outputs.out.files, size.outputs.hugo.files),
      noise: '',
    },
    {
      metric: 'MDX + highlighting per post (content step; Hugo: whole build per post)',
      ours: `${fixed(size.contentPerPostMs.median)} ms`,
      hugo: `${fixed((size.hugo.wallS.median * 1000) / size.posts)} ms`,
      ratio: ratio(size.contentPerPostMs.median, (size.hugo.wallS.median * 1000) / size.posts),
      noise: noise(size.contentPerPostMs),
    },
  )
  if (size.load) {
    const { load, probes } = size
    for (const path of Object.keys(PATH_LABELS) as PathName[]) {
      for (const comparison of SERVING_COMPARISONS) {
        const ours = load[comparison.ours][path]
        const base = load[comparison.base][path]
        rows.push({
          metric: `${PATH_LABELS[path]}: ${SERVER_LABELS[comparison.ours]} vs ${SERVER_LABELS[comparison.base]} (target ≥ ${comparison.target}×)`,
          ours: loadCell(ours, probes?.[comparison.ours][path]),
          hugo: loadCell(base, probes?.[comparison.base][path]),
          ratio: ratio(ours.requestsPerSecond.median, base.requestsPerSecond.median),
          noise: noise(ours.requestsPerSecond, base.requestsPerSecond),
        })
      }
    }
  }
  if (size.nextStart) {
    for (const run of [size.nextStart.at64, size.nextStart.at256]) {
      rows.push({ metric: `post page: npm start, ${run.seconds} s at ${run.connections} connections`, ours: soakCell(run), hugo: '', ratio: '', noise: 'n=1' })
    }
  }
  if (size.weights) {
    const { ours, hugo } = size.weights
    for (const page of TARGET_PATHS) {
      rows.push({
        metric: `bytes, ${PATH_LABELS[page]}: HTML gzipped (target ≤ 1.3×)`,
        ours: kib(ours[page].html.gzip),
        hugo: kib(hugo[page].html.gzip),
        ratio: ratio(ours[page].html.gzip, hugo[page].html.gzip),
        noise: '',
      })
    }
    for (const page of TARGET_PATHS) {
      rows.push({
        metric: `bytes, ${PATH_LABELS[page]}: first visit, HTML + CSS + JS gzipped (target ≤ 2×)`,
        ours: firstVisitCell(ours[page]),
        hugo: firstVisitCell(hugo[page]),
        ratio: ratio(ours[page].firstVisit.gzip, hugo[page].firstVisit.gzip),
        noise: '',
      })
    }
    for (const page of TARGET_PATHS) {
      rows.push({
        metric: `bytes, ${PATH_LABELS[page]}: framework JavaScript (target 0)`,
        ours: frameworkCell(ours[page]),
        hugo: frameworkCell(hugo[page]),
        ratio: '',
        noise: '',
      })
    }
    rows.push({
      metric: 'bytes, tag feed (plain)',
      ours: kib(ours.tagFeed),
      hugo: kib(hugo.tagFeed),
      ratio: ratio(ours.tagFeed, hugo.tagFeed),
      noise: '',
    })
  }
  if (size.dev) {
    rows.push({
      metric: 'dev: edit saved → new text served',
      ours: `${fixed(size.dev.editToRefresh.median, 2)} s, of which contentlayer2 dev ${fixed(size.dev.contentRebuild.median, 2)} s (first page ${fixed(size.dev.firstPageS)} s)`,
      hugo: '',
      ratio: '',
      noise: noise(size.dev.editToRefresh),
    })
  }
  return rows
}

/** The whole report as one Markdown table, sizes one after the other. */
export function formatTable(report: BenchReport): string {
  const lines = ['| posts | metric | ours | Hugo (or as named) | ratio | noise (ours / other) |', '| ---: | --- | --- | --- | ---: | --- |']
  for (const size of report.sizes) {
    for (const row of sizeRows(size)) lines.push(`| ${size.posts} | ${row.metric} | ${row.ours} | ${row.hugo} | ${row.ratio} | ${row.noise} |`)
  }
  return lines.join('\n')
}

type Check = { target: string; met: boolean | undefined; figures: string }

/** The targets of issues 12 and 14, each met, missed or not measured in this report, with the figures behind it. */
export function checkTargets(report: BenchReport): Check[] {
  const at = (posts: number) => report.sizes.find((size) => size.posts === posts)
  const checks: Check[] = []
  const thousand = at(1000)
  checks.push({
    target: 'cold npm run build at 1,000 posts within 15× Hugo wall time',
    met: thousand && thousand.build.wallS.median <= 15 * thousand.hugo.wallS.median,
    figures: thousand
      ? `${fixed(thousand.build.wallS.median)} s vs ${fixed(thousand.hugo.wallS.median, 2)} s = ${ratio(thousand.build.wallS.median, thousand.hugo.wallS.median)}`
      : 'not run',
  })
  checks.push({
    target: "rebuild after editing one post at 1,000 posts, caches kept, within 3× Hugo's cold build",
    met: thousand?.oneEdit && thousand.oneEdit.wallS.median <= 3 * thousand.hugo.wallS.median,
    figures: thousand?.oneEdit
      ? `${fixed(thousand.oneEdit.wallS.median)} s vs ${fixed(thousand.hugo.wallS.median, 2)} s = ${ratio(thousand.oneEdit.wallS.median, thousand.hugo.wallS.median)}`
      : 'not run',
  })
  const fiveThousand = at(5000)
  checks.push({
    target: 'peak memory at 5,000 posts within 2 GiB',
    met: fiveThousand && fiveThousand.build.peakTreeRssMiB.max <= 2048,
    figures: fiveThousand ? `peak ${fixed(fiveThousand.build.peakTreeRssMiB.max, 0)} MiB (whole tree)` : 'not run (npm run bench -- --full)',
  })
  const points = report.sizes.map((size) => `${size.posts}: ${fixed((size.build.wallS.median * 1000) / size.posts)} ms/post`)
  const big = report.sizes.filter((size) => size.posts >= 1000)
  const slope = (a: SizeResult, b: SizeResult) => (b.build.wallS.median - a.build.wallS.median) / (b.posts - a.posts)
  const [first, second, third] = report.sizes
  const linear = first && second && third ? slope(second, third) <= 1.25 * slope(first, second) : undefined
  checks.push({
    target: 'build cost no worse than linear in posts',
    met: big.length >= 2 ? linear : undefined,
    figures: `${points.join(', ')}${first && second ? `; marginal ${fixed(slope(first, second) * 1000)} ms/post from ${first.posts} to ${second.posts}` : ''}${second && third ? `, ${fixed(slope(second, third) * 1000)} ms/post from ${second.posts} to ${third.posts}` : ''}`,
  })
  for (const size of report.sizes) {
    if (size.weights) {
      const { ours, hugo } = size.weights
      const worst = (key: (weight: PageWeight) => number) =>
        TARGET_PATHS.map((page) => ({ page, share: key(ours[page]) / key(hugo[page]) })).sort((a, b) => b.share - a.share)[0]!
      const html = worst((weight) => weight.html.gzip)
      checks.push({
        target: `${size.posts} posts: gzipped HTML per page type ≤ 1.3× Hugo's`,
        met: html.share <= 1.3,
        figures: TARGET_PATHS.map((page) => `${PATH_LABELS[page]} ${ratio(ours[page].html.gzip, hugo[page].html.gzip)}`).join(', '),
      })
      const visit = worst((weight) => weight.firstVisit.gzip)
      checks.push({
        target: `${size.posts} posts: first visit (HTML + CSS + JS, gzipped) ≤ 2× Hugo's`,
        met: visit.share <= 2,
        figures: TARGET_PATHS.map((page) => `${PATH_LABELS[page]} ${ratio(ours[page].firstVisit.gzip, hugo[page].firstVisit.gzip)}`).join(', '),
      })
      checks.push({
        target: `${size.posts} posts: 0 bytes of framework JavaScript on every page type`,
        met: TARGET_PATHS.every((page) => ours[page].framework.scripts === 0),
        figures: TARGET_PATHS.map((page) => `${PATH_LABELS[page]} ${frameworkCell(ours[page])}`).join(', '),
      })
    }
    if (size.load) {
      const load = size.load
      for (const comparison of SERVING_COMPARISONS) {
        const shares = TARGET_PATHS.map((path) => ({
          path,
          share: load[comparison.ours][path].requestsPerSecond.median / load[comparison.base][path].requestsPerSecond.median,
        }))
        checks.push({
          target: `${size.posts} posts: ${SERVER_LABELS[comparison.ours]} ≥ ${comparison.target}× ${SERVER_LABELS[comparison.base]} on /, a post and a tag page`,
          met: shares.every(({ share }) => share >= comparison.target),
          figures: shares.map(({ path, share }) => `${PATH_LABELS[path]} ${fixed(share, 2)}×`).join(', '),
        })
      }
    }
    if (size.nextStart) {
      const runs = [size.nextStart.at64, size.nextStart.at256]
      const clean = runs.every((run) => run.errors === 0 && run.timeouts === 0 && run.non2xx === 0)
      const short = runs.some((run) => run.seconds < 30) ? ' (runs shorter than the 30 s the target names)' : ''
      checks.push({
        target: `${size.posts} posts: npm start, 0 errors, timeouts or non-2xx at 64 and 256 connections over 30 s, RSS flat`,
        met: clean && runs.every(isMemoryStable),
        figures: `${runs.map((run) => `${run.connections} connections, ${run.seconds} s: ${run.errors} errors, ${run.timeouts} timeouts, ${run.non2xx} non-2xx, RSS ${formatRss(run)}`).join('; ')}${short}`,
      })
    }
  }
  const compared = report.sizes.filter((size) => size.oneEditSameAsCold !== undefined)
  checks.push({
    target: 'a rebuild that renders only what changed writes what a full render writes',
    met: compared.length ? compared.every((size) => size.oneEditSameAsCold) : undefined,
    figures: compared
      .map((size) => `${size.posts}: out/ after the edit is undone ${size.oneEditSameAsCold ? 'is' : 'is NOT'} the cold build's, byte for byte`)
      .join(', '),
  })
  const traced = report.sizes.filter((size) => size.shikiInServerBuild !== undefined)
  checks.push({
    target: 'each post rendered once per build (no prerender file traces Shiki)',
    met: traced.length ? traced.every((size) => !size.shikiInServerBuild) : undefined,
    figures: `${traced.length ? `Shiki traced: ${traced.some((size) => size.shikiInServerBuild) ? 'yes' : 'no'}; ` : ''}${report.sizes.map((size) => `${size.posts}: ${fixed(size.contentPerPostMs.median)} ms/post in the content step`).join(', ')}`,
  })
  for (const [posts, limit] of [
    [1000, 1],
    [13, 0.3],
  ] as const) {
    const size = at(posts)
    checks.push({
      target: `${posts} posts: dev edit-to-refresh median ≤ ${limit} s`,
      met: size?.dev ? size.dev.editToRefresh.median <= limit : undefined,
      figures: size?.dev ? `median ${fixed(size.dev.editToRefresh.median, 2)} s, max ${fixed(size.dev.editToRefresh.max, 2)} s` : 'not run',
    })
  }
  return checks
}

/** Prints the table, the machine and the targets to stdout. */
export function printReport(report: BenchReport): void {
  const { machine } = report
  console.log(`\nBenchmark ${report.startedAt} → ${report.finishedAt} at ${machine.commit}`)
  console.log(
    `Machine: ${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}, Next ${machine.next}, ${machine.hugo}, ${machine.nginx}; load average at start ${machine.loadAverageAtStart.join(' ')}`,
  )
  console.log(
    `Serving: ${report.settings.loadRuns} runs of ${report.settings.loadSeconds} s at ${report.settings.connections} connections after a 3 s warm-up, Accept-Encoding: ${report.settings.acceptEncoding}; medians, noise = largest distance of a run from the median. Bytes are read from the built files.\n`,
  )
  console.log(formatTable(report))
  console.log('\nTargets:')
  for (const check of checkTargets(report))
    console.log(`- ${check.met === undefined ? 'not measured' : check.met ? 'met' : 'MISSED'}: ${check.target}: ${check.figures}`)
}
