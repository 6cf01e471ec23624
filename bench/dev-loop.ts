/** Edit-to-refresh in dev: the time from saving a post until the dev server serves the new text. */
import { readFileSync, statSync, writeFileSync } from 'node:fs'

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** Polls `url` every `intervalMs` until its body contains `text`; returns the seconds it took. */
export async function waitForText(url: string, text: string, timeoutMs: number, intervalMs = 50): Promise<number> {
  const started = performance.now()
  while (performance.now() - started < timeoutMs) {
    try {
      const response = await fetch(url, { cache: 'no-store', signal: AbortSignal.timeout(timeoutMs) })
      if (response.ok && (await response.text()).includes(text)) return (performance.now() - started) / 1000
    } catch {
      // The dev server may drop a request while it recompiles; poll again.
    }
    await sleep(intervalMs)
  }
  throw new Error(`${url} did not show "${text}" within ${timeoutMs / 1000} s of the edit.`)
}

export type DevLoopFigures = {
  /** First request of the post page after the server is up (compiles the route). */
  firstPageS: number
  /** One figure per edit. */
  editToRefreshS: number[]
  /** Of each: until contentlayer2 dev had written the posts again (the rest is Next serving them). */
  contentRebuildS: number[]
}

function readMtime(file: string): number {
  try {
    return statSync(file).mtimeMs
  } catch {
    return 0
  }
}

/** Seconds until `file` has an mtime other than `before` (contentlayer rewrites the file after an edit). */
async function waitForRewrite(file: string, before: number, timeoutMs: number): Promise<number> {
  const started = performance.now()
  while (performance.now() - started < timeoutMs) {
    const mtime = readMtime(file)
    if (mtime !== 0 && mtime !== before) return (performance.now() - started) / 1000
    await sleep(20)
  }
  return Number.NaN
}

/**
 * Appends a new sentence to the post file `edits` times and times each until the page shows it,
 * then puts the original file back. The sentence is plain prose, safe in MDX. `generatedFile` is the
 * file contentlayer2 dev rewrites after an edit, to tell its share from Next's.
 */
export async function measureDevLoop(postFile: string, pageUrl: string, generatedFile: string, edits: number): Promise<DevLoopFigures> {
  const original = readFileSync(postFile, 'utf8')
  const firstStarted = performance.now()
  await waitForText(pageUrl, '</html>', 300_000, 200)
  const firstPageS = (performance.now() - firstStarted) / 1000
  const editToRefreshS: number[] = []
  const contentRebuildS: number[] = []
  try {
    for (let edit = 1; edit <= edits; edit++) {
      const marker = `Bench edit marker ${Date.now().toString(36)} number ${edit}`
      const before = readMtime(generatedFile)
      writeFileSync(postFile, `${original.trimEnd()}\n\n${marker}.\n`)
      const [refresh, rebuild] = await Promise.all([waitForText(pageUrl, marker, 120_000), waitForRewrite(generatedFile, before, 120_000)])
      editToRefreshS.push(refresh)
      contentRebuildS.push(rebuild)
      await sleep(2000)
    }
  } finally {
    writeFileSync(postFile, original)
  }
  return { firstPageS, editToRefreshS, contentRebuildS }
}
