/** Load over loopback with autocannon: a warm-up, then the measured run, summarised per request path. */
import autocannon from 'autocannon'

export type LoadFigures = {
  requestsPerSecond: number
  p50Ms: number
  p99Ms: number
  /** Connection errors and timeouts. */
  errors: number
  non2xx: number
  /** Responses with a 5xx status. */
  status5xx: number
}

function fire(url: string, connections: number, durationS: number): Promise<autocannon.Result> {
  return autocannon({ url, connections, duration: durationS, pipelining: 1 })
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
    non2xx: result.non2xx,
    status5xx: result['5xx'],
  }
}
