/** Load over loopback with autocannon: a warm-up, then the measured run, summarised per request path. */
import autocannon from 'autocannon'

export type LoadFigures = {
  requestsPerSecond: number
  p50Ms: number
  p99Ms: number
  /** Connection errors, timeouts included. */
  errors: number
  /** Requests that got no response within autocannon's 10 s timeout (also counted in errors). */
  timeouts: number
  non2xx: number
  /** Responses with a 5xx status. */
  status5xx: number
}

/**
 * autocannon appends every response body to a JavaScript string (`req.body += chunk`), which nothing here
 * reads. On this machine that decoding, not the server, set the rate: one 70 KB page with a few non-ASCII
 * characters (an arrow, a middle dot) loaded at 1,073 req/s from nginx, the same page stripped to ASCII at
 * 9,289, and with bodies left undecoded at 13,952. The bytes are still received; only the decoding is skipped.
 */
function skipBodyDecoding(client: unknown): void {
  const queue = (client as { pipelinedRequests?: { addBody?: (data: Buffer) => void } }).pipelinedRequests
  if (!queue?.addBody) throw new Error('autocannon changed: its client has no pipelinedRequests.addBody to skip; see bench/load.ts')
  queue.addBody = () => {}
}

/** Every request asks for gzip, as browsers do, so servers with compression send it. */
export const REQUEST_HEADERS = { 'accept-encoding': 'gzip' } as const

function fire(url: string, connections: number, durationS: number): Promise<autocannon.Result> {
  return autocannon({ url, connections, duration: durationS, pipelining: 1, headers: { ...REQUEST_HEADERS }, setupClient: skipBodyDecoding })
}

/** `durationS` seconds at `connections` connections after `warmupS` seconds of the same load, discarded. */
export async function measureLoad(url: string, connections: number, durationS: number, warmupS: number): Promise<LoadFigures> {
  if (warmupS > 0) await fire(url, connections, warmupS)
  const result = await fire(url, connections, durationS)
  return {
    requestsPerSecond: Math.round(result.requests.total / durationS),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    status5xx: result['5xx'],
  }
}

export type SoakFigures = LoadFigures & { seconds: number; connections: number; rssStartMiB: number; rssHalfwayMiB: number; rssEndMiB: number }

/**
 * One run of `durationS` at `connections` with the server tree's RSS (`readRssMiB`) at its start, halfway
 * and end, so memory that levels off can be told from memory that keeps growing.
 */
export async function measureSoak(url: string, connections: number, durationS: number, readRssMiB: () => number): Promise<SoakFigures> {
  const rssStartMiB = readRssMiB()
  const halfway = new Promise<number>((resolve) => setTimeout(() => resolve(readRssMiB()), (durationS * 1000) / 2))
  const figures = await measureLoad(url, connections, durationS, 0)
  const rssEndMiB = readRssMiB()
  return { ...figures, seconds: durationS, connections, rssStartMiB, rssHalfwayMiB: await halfway, rssEndMiB }
}
