import { spawnSync } from 'node:child_process'
import { PHASE_DEVELOPMENT_SERVER, PHASE_PRODUCTION_BUILD } from 'next/constants.js'
import { afterEach, describe, expect, it } from 'vitest'
import nextConfig, { PRERENDER_HEAP_PRELOAD } from '../next.config.mjs'

// Keeps about 75 MB live, then makes garbage, and prints the largest heap V8 kept meanwhile, in MiB.
const CHURN = `
const live = []; for (let i = 0; i < 7.5e5; i++) live.push({ i, s: 'k' + i, a: [i, i + 1] })
let peak = 0, young = []
for (let round = 0; round < 40; round++) {
  for (let i = 0; i < 2e5; i++) young.push({ round, i, t: 'g' + i })
  if (young.length > 6e5) young = []
  peak = Math.max(peak, process.memoryUsage().heapTotal)
}
console.log(Math.round(peak / 2 ** 20))`

/**
 * The largest heap of a Node process running CHURN with `nodeOptions`, as a Next worker when `asWorker`.
 * @param {string} nodeOptions
 * @param {boolean} asWorker
 */
function peakHeap(nodeOptions, asWorker) {
  const env = { ...process.env, NODE_OPTIONS: nodeOptions, IS_NEXT_WORKER: asWorker ? 'true' : '' }
  const result = spawnSync(process.execPath, ['-e', CHURN], { env, encoding: 'utf8' })
  expect(result.stderr).toBe('')
  return Number(result.stdout.trim())
}

describe('the prerender workers’ heap', () => {
  const original = process.env.NODE_OPTIONS
  afterEach(() => {
    if (original === undefined) delete process.env.NODE_OPTIONS
    else process.env.NODE_OPTIONS = original
  })

  it('is preloaded, once, into what a build hands its workers, and not into next dev', () => {
    process.env.NODE_OPTIONS = '--no-warnings'
    nextConfig(PHASE_DEVELOPMENT_SERVER)
    expect(process.env.NODE_OPTIONS).toBe('--no-warnings')
    nextConfig(PHASE_PRODUCTION_BUILD)
    nextConfig(PHASE_PRODUCTION_BUILD)
    expect(process.env.NODE_OPTIONS).toBe(`--no-warnings --import=${JSON.stringify(PRERENDER_HEAP_PRELOAD)}`)
  })

  it('stays near what is live in a worker, where V8 alone lets it grow several times over', () => {
    nextConfig(PHASE_PRODUCTION_BUILD)
    const preloaded = process.env.NODE_OPTIONS ?? ''
    const capped = peakHeap(preloaded, true)
    expect(capped).toBeLessThan(0.75 * peakHeap('', true))
    // Outside Next's workers the preload changes nothing.
    expect(peakHeap(preloaded, false)).toBeGreaterThan(capped / 0.75)
  }, 30_000)
})
