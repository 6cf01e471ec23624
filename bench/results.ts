/** The shape of bench/results/*.json: what run.ts writes and report.ts prints. */
import type { DevLoopFigures } from './dev-loop'
import type { OutputCount } from './files'
import type { LoadFigures, SoakFigures } from './load'
import type { PageWeight } from './page-weight'
import type { Spread } from './stats'

export type Figures = { wallS: Spread; cpuS: Spread; peakTreeRssMiB: Spread; maxProcessRssMiB: Spread }

/** `npm run build` as a whole (its steps back to back) and each of its steps, in order. */
export type BuildFigures = Figures & { steps: (Figures & { command: string })[] }

export type PathName = 'home' | 'post' | 'tag' | 'tagFeed'
export type PageName = Exclude<PathName, 'tagFeed'>
/**
 * nextStart: `npm start` (server.mjs, default workers) on our out/. outNginx: our out/ under the bench's
 * nginx config. hugoNginx: Hugo's public/ under that same config. outDeployNginx: our out/ under our
 * rendered config (deploy/render-nginx.mjs: precompressed files, our headers).
 */
export type ServerName = 'nextStart' | 'outNginx' | 'hugoNginx' | 'outDeployNginx'

/** What one server answered for one path with gzip asked for, before the load. */
export type ProbeFigures = { status: number; contentEncoding: string; bytes: number }

export type SizeResult = {
  posts: number
  buildRuns: number
  /** Cold: every output folder removed first. */
  build: BuildFigures
  /** Warm: run again with only the caches kept (.contentlayer/.cache and images, Next's cache). */
  warm?: BuildFigures
  /** One post edited (a sentence appended, or taken away again), then a warm rebuild. */
  oneEdit?: BuildFigures
  /** Whether the one-edit rebuild that restores the corpus (rendering only what changed) wrote the cold build's out/, byte for byte. */
  oneEditSameAsCold?: boolean
  /** The content step's wall time per post (it is where every post is compiled and highlighted). */
  contentPerPostMs: Spread
  hugo: Figures
  outputs: { out: OutputCount; hugo: OutputCount }
  /** Whether any file `next build` traces for prerendering pulls in Shiki (undefined: no traces written). */
  shikiInServerBuild?: boolean
  paths?: Record<PathName, string>
  probes?: Record<ServerName, Record<PathName, ProbeFigures>>
  load?: Record<ServerName, Record<PathName, Record<keyof LoadFigures, Spread>>>
  /** Read from the built files: our out/ and Hugo's public/. */
  weights?: Record<'ours' | 'hugo', Record<PageName, PageWeight> & { tagFeed: number }>
  /** `npm start` on the post page at 64 and 256 connections, with the server tree's RSS. */
  nextStart?: { at64: SoakFigures; at256: SoakFigures }
  dev?: DevLoopFigures & { editToRefresh: Spread; contentRebuild: Spread }
}

export type Machine = {
  cpus: number
  cpuModel: string
  memoryGiB: number
  node: string
  next: string
  hugo: string
  nginx: string
  loadAverageAtStart: number[]
  commit: string
}

export type BenchReport = {
  startedAt: string
  finishedAt: string
  machine: Machine
  settings: { loadRuns: number; loadSeconds: number; soakSeconds: number; connections: number; acceptEncoding: string }
  sizes: SizeResult[]
}
