/** The shape of bench/results/*.json: what run.ts writes and report.ts prints. */
import type { DevLoopFigures } from './dev-loop'
import type { OutputCount } from './files'
import type { LoadFigures } from './load'
import type { PageWeight } from './page-weight'
import type { Spread } from './stats'

export type Figures = { wallS: Spread; cpuS: Spread; peakTreeRssMiB: Spread; maxProcessRssMiB: Spread }

export type PathName = 'home' | 'post' | 'tag' | 'tagFeed'
export type ServerName = 'nextStart' | 'exportNginx' | 'hugoNginx'

export type SizeResult = {
  posts: number
  buildRuns: number
  contentlayer: Figures & { perPostMs: Spread }
  /** contentlayer2 build + next build, as `npm run build`. */
  build: Figures & { nextBuildWallS: Spread }
  /** contentlayer2 build + NEXT_OUTPUT=export next build, as `npm run export`. */
  export: Figures
  hugo: Figures
  outputs: { serverBuild: OutputCount; export: OutputCount; hugo: OutputCount }
  /** Whether any server file of the build traces Shiki: it must not, since posts are highlighted once, in contentlayer. */
  shikiInServerBuild: boolean
  paths?: Record<PathName, string>
  load?: Record<ServerName, Record<PathName, Record<keyof LoadFigures, Spread>>>
  weights?: Record<'exportNginx' | 'hugoNginx', Record<Exclude<PathName, 'tagFeed'>, PageWeight> & { tagFeed: number }>
  nextStart?: {
    at256: LoadFigures
    soak: LoadFigures & { seconds: number; rssStartMiB: number; rssHalfwayMiB?: number; rssEndMiB: number }
  }
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
  settings: { loadRuns: number; loadSeconds: number; soakSeconds: number; connections: number }
  sizes: SizeResult[]
}
