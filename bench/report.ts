/**
 * Turns a bench report into the one table the bench prints (and the README shows): each row has our
 * figure, Hugo's and the ratio, with the runs' spread, then the issue's targets checked against them.
 */
import type { LoadFigures } from './load'
import type { PageWeight } from './page-weight'
import type { BenchReport, Figures, PathName, SizeResult } from './results'
import { formatNoise, type Spread } from './stats'

type Row = { metric: string; ours: string; hugo: string; ratio: string; noise: string }

const PATH_LABELS: Record<PathName, string> = { home: '/', post: 'post page', tag: 'tag page', tagFeed: 'tag feed' }

type Soak = NonNullable<SizeResult['nextStart']>['soak']

function formatRss(soak: Soak): string {
  const halfway = soak.rssHalfwayMiB === undefined ? '' : ` → ${fixed(soak.rssHalfwayMiB, 0)}`
  return `${fixed(soak.rssStartMiB, 0)}${halfway} → ${fixed(soak.rssEndMiB, 0)} MiB`
}

/**
 * Memory is stable when it levels off: the second half of the run adds at most 10% (a warming heap grows in
 * the first half). Without a halfway sample, the whole run may add at most half of the start.
 */
function isMemoryStable(soak: Soak): boolean {
  if (soak.rssHalfwayMiB === undefined) return soak.rssEndMiB <= soak.rssStartMiB * 1.5
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

function loadCell(figures: Record<keyof LoadFigures, Spread>): string {
  const errors = figures.errors.max + figures.non2xx.max
  return `${fixed(figures.requestsPerSecond.median, 0)} req/s (p50 ${figures.p50Ms.median} / p99 ${figures.p99Ms.median} ms${errors ? `, ${errors} errors` : ''})`
}

function weightCell(weight: PageWeight): string {
  return `${kib(weight.total.gzip)} (HTML ${kib(weight.html.gzip)}, CSS ${kib(weight.css.gzip)}, JS ${kib(weight.js.gzip)})`
}

function sizeRows(size: SizeResult): Row[] {
  const rows: Row[] = [
    ...buildRows('server build (contentlayer2 + next build)', size.build, size.hugo),
    ...buildRows('static export (contentlayer2 + next build, export)', size.export, size.hugo),
    {
      metric: 'pages / files written (server build; export)',
      ours: `${size.outputs.serverBuild.htmlPages} / ${size.outputs.serverBuild.files}; ${size.outputs.export.htmlPages} / ${size.outputs.export.files}`,
      hugo: `${size.outputs.hugo.htmlPages} / ${size.outputs.hugo.files}`,
      ratio: ratio(size.outputs.export.files, size.outputs.hugo.files),
      noise: '',
    },
    {
      metric: 'MDX + highlighting per post (contentlayer2 build; Hugo: whole build per post)',
      ours: `${fixed(size.contentlayer.perPostMs.median)} ms`,
      hugo: `${fixed((size.hugo.wallS.median * 1000) / size.posts)} ms`,
      ratio: ratio(size.contentlayer.perPostMs.median, (size.hugo.wallS.median * 1000) / size.posts),
      noise: noise(size.contentlayer.perPostMs),
    },
  ]
  if (size.load) {
    for (const path of Object.keys(PATH_LABELS) as PathName[]) {
      const hugo = size.load.hugoNginx[path]
      for (const [server, label] of [
        ['nextStart', 'npm start'],
        ['exportNginx', 'export on nginx'],
      ] as const) {
        const ours = size.load[server][path]
        rows.push({
          metric: `${PATH_LABELS[path]}: ${label} vs Hugo on nginx`,
          ours: loadCell(ours),
          hugo: loadCell(hugo),
          ratio: ratio(ours.requestsPerSecond.median, hugo.requestsPerSecond.median),
          noise: noise(ours.requestsPerSecond, hugo.requestsPerSecond),
        })
      }
    }
  }
  if (size.nextStart) {
    const { at256, soak } = size.nextStart
    rows.push({
      metric: 'post page: npm start at 256 connections',
      ours: `${fixed(at256.requestsPerSecond, 0)} req/s, p99 ${at256.p99Ms} ms, ${at256.errors} errors, ${at256.status5xx} 5xx`,
      hugo: '',
      ratio: '',
      noise: 'n=1',
    })
    rows.push({
      metric: `post page: npm start, ${soak.seconds} s at 64 connections`,
      ours: `${fixed(soak.requestsPerSecond, 0)} req/s, ${soak.errors} errors, ${soak.status5xx} 5xx, RSS ${formatRss(soak)}`,
      hugo: '',
      ratio: '',
      noise: 'n=1',
    })
  }
  if (size.weights) {
    for (const page of ['home', 'post', 'tag'] as const) {
      const ours = size.weights.exportNginx[page]
      const hugo = size.weights.hugoNginx[page]
      rows.push({
        metric: `bytes, ${PATH_LABELS[page]} (gzip)`,
        ours: weightCell(ours),
        hugo: weightCell(hugo),
        ratio: ratio(ours.total.gzip, hugo.total.gzip),
        noise: '',
      })
      rows.push({
        metric: `bytes, ${PATH_LABELS[page]} (plain)`,
        ours: kib(ours.total.plain),
        hugo: kib(hugo.total.plain),
        ratio: ratio(ours.total.plain, hugo.total.plain),
        noise: '',
      })
    }
    rows.push({
      metric: 'bytes, tag feed (plain)',
      ours: kib(size.weights.exportNginx.tagFeed),
      hugo: kib(size.weights.hugoNginx.tagFeed),
      ratio: ratio(size.weights.exportNginx.tagFeed, size.weights.hugoNginx.tagFeed),
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
  const lines = ['| posts | metric | ours | Hugo | ours / Hugo | noise (ours / Hugo) |', '| ---: | --- | --- | --- | ---: | --- |']
  for (const size of report.sizes) {
    for (const row of sizeRows(size)) lines.push(`| ${size.posts} | ${row.metric} | ${row.ours} | ${row.hugo} | ${row.ratio} | ${row.noise} |`)
  }
  return lines.join('\n')
}

type Check = { target: string; met: boolean | undefined; figures: string }

/** The issue's targets, each met, missed or not measured in this report, with the figures behind it. */
export function checkTargets(report: BenchReport): Check[] {
  const at = (posts: number) => report.sizes.find((size) => size.posts === posts)
  const checks: Check[] = []
  const thousand = at(1000)
  checks.push({
    target: 'build at 1,000 posts within 15× Hugo wall time',
    met: thousand && thousand.build.wallS.median <= 15 * thousand.hugo.wallS.median,
    figures: thousand
      ? `${fixed(thousand.build.wallS.median)} s vs ${fixed(thousand.hugo.wallS.median, 2)} s = ${ratio(thousand.build.wallS.median, thousand.hugo.wallS.median)} (export ${ratio(thousand.export.wallS.median, thousand.hugo.wallS.median)})`
      : 'not run',
  })
  const fiveThousand = at(5000)
  checks.push({
    target: 'build at 5,000 posts within 4 GiB',
    met: fiveThousand && Math.max(fiveThousand.build.peakTreeRssMiB.max, fiveThousand.export.peakTreeRssMiB.max) <= 4096,
    figures: fiveThousand
      ? `peak ${fixed(fiveThousand.build.peakTreeRssMiB.max, 0)} MiB (export ${fixed(fiveThousand.export.peakTreeRssMiB.max, 0)} MiB)`
      : 'not run (npm run bench -- --full)',
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
    if (!size.load || !size.nextStart) continue
    const worst = (['home', 'post', 'tag', 'tagFeed'] as const)
      .map((path) => ({ path, share: size.load!.exportNginx[path].requestsPerSecond.median / size.load!.hugoNginx[path].requestsPerSecond.median }))
      .sort((a, b) => a.share - b.share)[0]!
    checks.push({
      target: `${size.posts} posts: export on nginx ≥ 0.8× Hugo's req/s on every path`,
      met: worst.share >= 0.8,
      figures: `lowest ${fixed(worst.share, 2)}× (${PATH_LABELS[worst.path]})`,
    })
    const post = size.load.nextStart.post.requestsPerSecond.median
    const nginx = size.load.exportNginx.post.requestsPerSecond.median
    const { at256, soak } = size.nextStart
    const clean =
      [at256, soak].every((run) => run.errors === 0 && run.status5xx === 0 && run.non2xx === 0) &&
      size.load.nextStart.post.errors.max === 0 &&
      size.load.nextStart.post.non2xx.max === 0
    checks.push({
      target: `${size.posts} posts: npm start post page ≥ 1/15 of nginx on the export, no errors at 64 and 256 connections, stable memory`,
      met: post * 15 >= nginx && clean && isMemoryStable(soak),
      figures: `${fixed(post, 0)} vs ${fixed(nginx, 0)} req/s = 1/${fixed(nginx / post)}; errors+5xx at 64: ${size.load.nextStart.post.errors.max + size.load.nextStart.post.status5xx.max}, at 256: ${at256.errors + at256.status5xx}; RSS ${formatRss(soak)} over ${soak.seconds} s`,
    })
  }
  checks.push({
    target: 'each post rendered once per build (pages and feeds reuse it)',
    met: report.sizes.every((size) => !size.shikiInServerBuild),
    figures: `Shiki in the server build's traced files: ${report.sizes.some((size) => size.shikiInServerBuild) ? 'yes' : 'no'}; ${report.sizes.map((size) => `${size.posts}: ${fixed(size.contentlayer.perPostMs.median)} ms/post`).join(', ')}`,
  })
  const dev = report.sizes.find((size) => size.dev)
  checks.push({
    target: 'edit-to-refresh in dev under 2 s at 1,000 posts',
    met: dev?.dev && dev.posts >= 1000 ? dev.dev.editToRefresh.max < 2 : undefined,
    figures: dev?.dev ? `${dev.posts} posts: median ${fixed(dev.dev.editToRefresh.median, 2)} s, max ${fixed(dev.dev.editToRefresh.max, 2)} s` : 'not run',
  })
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
    `Serving: ${report.settings.loadRuns} runs of ${report.settings.loadSeconds} s at ${report.settings.connections} connections after a 3 s warm-up; medians, noise = largest distance of a run from the median.\n`,
  )
  console.log(formatTable(report))
  console.log('\nTargets:')
  for (const check of checkTargets(report))
    console.log(`- ${check.met === undefined ? 'not measured' : check.met ? 'met' : 'MISSED'}: ${check.target}: ${check.figures}`)
}
