#!/usr/bin/env node
/**
 * Load test of `npm start` (outside `npm test`; run `npm run build` first):
 *
 *   npm run test:load                      # 256 connections for 30 s
 *   LOAD_CONNECTIONS=64 LOAD_SECONDS=10 npm run test:load
 *
 * Starts server.mjs on 127.0.0.1:LOAD_PORT (5070), requests every page, feed and asset once, then holds
 * LOAD_CONNECTIONS keep-alive connections, each sending requests back to back for LOAD_SECONDS over a mix of pages,
 * feeds (gzip), assets and 404s, LOAD_ROUNDS times (2). Passes when there was no socket error, no 5xx and
 * no unexpected status, every connection was used, the server's JS heap after a full GC is back within 10%
 * (or 8 MiB) of where it was after the warm-up, and its RSS does not grow from one round to the next (V8 and
 * the allocator keep pages they have used, so RSS stays above its level before the first round). A request may wait up to 120 s (this machine is shared; the latency
 * percentiles are printed). The GC is asked for through a SIGUSR2 hook that only this script loads
 * (scripts/gc-on-signal.mjs). Loopback only; it stops by itself.
 */
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..')
const PORT = Number(process.env.LOAD_PORT ?? 5070)
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 256)
const SECONDS = Number(process.env.LOAD_SECONDS ?? 30)
const ROUNDS = Number(process.env.LOAD_ROUNDS ?? 2)
const ENCODING = process.env.LOAD_ENCODING ?? 'gzip'
const BASE = `http://127.0.0.1:${PORT}`

/**
 * A response received (status, bytes, socket) or a socket error, with the time it took.
 * @typedef {{ ms: number, status: number | undefined, bytes: number, socket: import('node:net').Socket, error?: undefined } | { ms: number, error: string, status?: undefined }} Result
 */
/** @typedef {{ heapUsed: number } & Record<string, number>} HeapFigures */
/** @typedef {{ round: number, heap: HeapFigures, rss: number, problems: string[] }} RoundResult */

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Resident memory of a process in MiB, from /proc (Linux).
 * @param {number | undefined} pid
 */
function readRssMiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]) / 1024
}

/** @param {Error & { code?: string }} error */
const errorCode = (error) => error.code ?? error.message

/**
 * One GET; resolves (never rejects) with the status, bytes and time, or the socket error.
 * @param {string} path
 * @param {{ agent?: Agent, headers?: Record<string, string> }} [options]
 * @returns {Promise<Result>}
 */
function get(path, { agent, headers = {} } = {}) {
  return new Promise((resolve) => {
    const started = performance.now()
    const req = request(`${BASE}${path}`, { agent, headers, timeout: 120_000 }, (res) => {
      const socket = res.socket
      let bytes = 0
      res.on('data', (chunk) => (bytes += chunk.length))
      res.on('end', () => resolve({ status: res.statusCode, bytes, ms: performance.now() - started, socket }))
      res.on('error', (error) => resolve({ error: errorCode(error), ms: performance.now() - started }))
    })
    req.on('timeout', () => req.destroy(new Error('timeout')))
    req.on('error', (error) => resolve({ error: errorCode(error), ms: performance.now() - started }))
    req.end()
  })
}

const server = spawn(process.execPath, ['--expose-gc', '--import', join(ROOT, 'scripts', 'gc-on-signal.mjs'), join(ROOT, 'server.mjs')], {
  cwd: ROOT,
  env: { ...process.env, PORT: String(PORT), HOST: '127.0.0.1' },
  stdio: ['ignore', 'pipe', 'inherit'],
})
let serverOutput = ''
server.stdout.on('data', (chunk) => (serverOutput += chunk))
const serverExit = new Promise((resolve) => server.on('exit', (code) => resolve(code)))

/**
 * A full GC in the server, then its heap figures as printed by scripts/gc-on-signal.mjs.
 * @returns {Promise<HeapFigures>}
 */
async function collectGarbage() {
  server.kill('SIGUSR2')
  await sleep(1_500)
  const lines = serverOutput.split('\n').filter((line) => line.startsWith('gc-memory '))
  return JSON.parse(lines.at(-1)?.slice('gc-memory '.length) ?? '{}')
}

/**
 * One round of load: CONNECTIONS connections for SECONDS, then a GC; its figures and problems.
 * @param {number} round
 * @param {string[]} mix
 * @param {(path: string) => number} expectedStatus
 * @param {number} baseline
 * @returns {Promise<RoundResult>}
 */
async function runRound(round, mix, expectedStatus, baseline) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS, maxFreeSockets: CONNECTIONS })
  const sockets = new Set()
  /** @type {Map<string, number>} */
  const statuses = new Map()
  /** @type {Map<string, number>} */
  const errors = new Map()
  /** @type {number[]} */
  const latencies = []
  /** @type {string[]} */
  const slow = []
  let bytes = 0
  let peak = baseline
  const sampler = setInterval(() => (peak = Math.max(peak, readRssMiB(server.pid))), 250)
  const until = Date.now() + SECONDS * 1_000
  let next = 0
  /** @param {number} index */
  const connection = async (index) => {
    while (Date.now() < until) {
      const path = /** @type {string} */ (mix[(next++ + index) % mix.length])
      const result = await get(path, { agent, headers: { 'Accept-Encoding': ENCODING } })
      latencies.push(result.ms)
      if (result.ms > 10_000) slow.push(`${path} ${(result.ms / 1000).toFixed(1)}s ${result.status ?? result.error}`)
      if (result.error !== undefined) {
        errors.set(result.error, (errors.get(result.error) ?? 0) + 1)
        continue
      }
      sockets.add(result.socket)
      bytes += result.bytes
      const key = result.status === expectedStatus(path) ? `${result.status}` : `${result.status} (expected ${expectedStatus(path)}) ${path}`
      statuses.set(key, (statuses.get(key) ?? 0) + 1)
    }
  }
  const started = performance.now()
  await Promise.all(Array.from({ length: CONNECTIONS }, (_, index) => connection(index)))
  const elapsed = (performance.now() - started) / 1_000
  clearInterval(sampler)
  agent.destroy()

  await sleep(3_000)
  const heap = await collectGarbage()
  const after = readRssMiB(server.pid)

  latencies.sort((a, b) => a - b)
  /** @param {number} q */
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]?.toFixed(0)
  const total = latencies.length
  const serverErrors = [...statuses].filter(([key]) => key.startsWith('5')).reduce((sum, [, count]) => sum + count, 0)
  const unexpected = [...statuses].filter(([key]) => key.includes('expected'))
  console.log(
    `Round ${round}: ${CONNECTIONS} connections (${sockets.size} sockets used) for ${elapsed.toFixed(1)} s: ${total} requests, ${(total / elapsed).toFixed(0)}/s, ${(bytes / 1024 / 1024).toFixed(1)} MiB received`,
  )
  console.log(`Latency ms: p50 ${at(0.5)}, p90 ${at(0.9)}, p99 ${at(0.99)}, max ${latencies.at(-1)?.toFixed(0)}`)
  if (slow.length > 0) console.log(`Slower than 10 s: ${slow.length}, e.g. ${slow.slice(0, 5).join('; ')}`)
  console.log(`Statuses: ${JSON.stringify(Object.fromEntries(statuses))}; errors: ${JSON.stringify(Object.fromEntries(errors))}`)
  console.log(`Server RSS MiB: ${baseline.toFixed(1)} after warm-up, ${peak.toFixed(1)} at peak, ${after.toFixed(1)} after the round and a GC`)
  console.log(`Server memory after GC, MiB: ${JSON.stringify(heap)}`)

  const problems = [
    errors.size > 0 && `${[...errors.values()].reduce((a, b) => a + b, 0)} socket errors`,
    serverErrors > 0 && `${serverErrors} responses with a 5xx status`,
    unexpected.length > 0 && `unexpected statuses: ${unexpected.map(([key]) => key).join('; ')}`,
    sockets.size < CONNECTIONS && `only ${sockets.size} of ${CONNECTIONS} connections were used`,
  ].filter((problem) => typeof problem === 'string')
  return { round, heap, rss: after, problems }
}

let failed = false
try {
  const readyBy = Date.now() + 60_000
  while (!serverOutput.includes('Serving the production build')) {
    if (Date.now() > readyBy) throw new Error(`server.mjs did not start within 60 s (run npm run build first):\n${serverOutput}`)
    await sleep(200)
  }

  // Every page and feed the sitemap and feeds name, the assets the home page loads, and some 404s.
  const sitemap = await (await fetch(`${BASE}/sitemap.xml`)).text()
  const pages = [...sitemap.matchAll(/<loc>https?:\/\/[^/]+([^<]+)<\/loc>/g)].flatMap(([, path]) => path ?? [])
  const feedFolders = pages.filter((path) => path === '/' || path === '/posts/' || /^\/tags\/[^/]+\/$/.test(path))
  const feeds = ['/tags/index.xml', ...feedFolders.flatMap((folder) => ['index.xml', 'atom.xml', 'feed.json'].map((file) => folder + file))]
  const home = await (await fetch(`${BASE}/`)).text()
  const assets = [...new Set([...home.matchAll(/"(\/_next\/static\/[^"\\]+)"/g)].flatMap(([, path]) => path ?? []))]
  const missing = ['/no/such/page/', '/2025/13/', '/tags/no-such-tag/index.xml']
  const mix = [...pages, ...feeds, ...assets, ...missing]
  /** @param {string} path */
  const expectedStatus = (path) => (missing.includes(path) ? 404 : 200)

  for (const path of mix) {
    const result = await get(path, { headers: { 'Accept-Encoding': ENCODING } })
    if (result.status !== expectedStatus(path)) throw new Error(`Warm-up: ${path} answered ${result.status ?? result.error}`)
  }
  const heapBefore = await collectGarbage()
  const baseline = readRssMiB(server.pid)
  console.log(
    `Warm-up: ${mix.length} URLs (${pages.length} pages, ${feeds.length} feeds, ${assets.length} assets, ${missing.length} missing); server RSS after GC ${baseline.toFixed(1)} MiB`,
  )

  /** @type {RoundResult[]} */
  const rounds = []
  for (let round = 1; round <= ROUNDS; round += 1) {
    rounds.push(await runRound(round, mix, expectedStatus, baseline))
  }
  const heapLimit = heapBefore.heapUsed + Math.max(heapBefore.heapUsed * 0.1, 8)
  const [first, last] = [rounds[0], rounds.at(-1)]
  const problems = [
    ...rounds.flatMap((result) => result.problems),
    ...rounds
      .filter((result) => result.heap.heapUsed > heapLimit)
      .map(
        (result) =>
          `round ${result.round}: JS heap ${result.heap.heapUsed} MiB after GC, above ${heapLimit.toFixed(1)} (it was ${heapBefore.heapUsed} after warm-up)`,
      ),
    ROUNDS > 1 &&
      first &&
      last &&
      last.rss > first.rss * 1.1 &&
      `RSS kept growing: ${first.rss.toFixed(1)} MiB after round 1, ${last.rss.toFixed(1)} after round ${ROUNDS}`,
  ].filter((problem) => typeof problem === 'string')
  if (problems.length > 0) {
    failed = true
    console.error(`FAILED: ${problems.join('; ')}`)
  } else {
    console.log(
      `PASSED: no errors, no 5xx; JS heap after GC back within ${(heapLimit - heapBefore.heapUsed).toFixed(1)} MiB of its level after warm-up; RSS not growing from round to round`,
    )
  }
} catch (error) {
  failed = true
  console.error(error)
} finally {
  server.kill('SIGTERM')
  const code = await serverExit
  if (code !== 0) {
    failed = true
    console.error(`server.mjs exited ${code} after SIGTERM`)
  }
}
process.exit(failed ? 1 : 0)
