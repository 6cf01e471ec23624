/** Edit-to-refresh in dev: the time from saving a post until the dev server serves the new text. */
import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { CONTENT_EVENTS_PATH } from '../lib/content-events'

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

/**
 * The dev server's content events (lib/content-events.ts), as an open page's EventSource receives them: each
 * `next()` gives the next pass announced, or throws after `timeoutMs`.
 */
async function listenToContentEvents(origin: string): Promise<{ next: (timeoutMs: number) => Promise<string>; close: () => void }> {
  const abort = new AbortController()
  const response = await fetch(`${origin}${CONTENT_EVENTS_PATH}`, { signal: abort.signal })
  if (!response.ok || !response.body) throw new Error(`${CONTENT_EVENTS_PATH} answered ${response.status}: the dev server streams no content events.`)
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
  let buffered = ''
  const next = async (timeoutMs: number): Promise<string> => {
    const deadline = performance.now() + timeoutMs
    for (;;) {
      const end = buffered.indexOf('\n\n')
      if (end >= 0) {
        const event = buffered.slice(0, end)
        buffered = buffered.slice(end + 2)
        const data = event.split('\n').find((line) => line.startsWith('data: '))
        if (data) return data.slice('data: '.length)
        continue
      }
      const remaining = deadline - performance.now()
      const chunk = await Promise.race([reader.read(), sleep(Math.max(0, remaining)).then(() => undefined)])
      if (!chunk) throw new Error(`No content event within ${timeoutMs / 1000} s of the edit.`)
      if (chunk.done) throw new Error('The dev server closed its content events.')
      buffered += chunk.value
    }
  }
  return { next, close: () => abort.abort() }
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
 *
 * Each edit is timed as an open page sees it: the page's listener (lib/content-events.ts) waits for the dev
 * server's event that a pass is written, then asks for the page again. So the bench listens to the same
 * events and requests the page after each one, until the page has the new sentence. (Polling the page instead
 * loads `next dev` with requests no open page makes: each starts its static-paths refresh, on one of the two
 * cores, while the pass runs.)
 */
export async function measureDevLoop(origin: string, pagePath: string, postFile: string, generatedFile: string, edits: number): Promise<DevLoopFigures> {
  const pageUrl = `${origin}${pagePath}`
  const original = readFileSync(postFile, 'utf8')
  const firstStarted = performance.now()
  await waitForText(pageUrl, '</html>', 300_000, 200)
  const firstPageS = (performance.now() - firstStarted) / 1000
  const events = await listenToContentEvents(origin)
  await events.next(10_000) // the pass the page was rendered from, sent on connecting
  const editToRefreshS: number[] = []
  const contentRebuildS: number[] = []
  try {
    for (let edit = 1; edit <= edits; edit++) {
      const marker = `Bench edit marker ${Date.now().toString(36)} number ${edit}`
      const before = readMtime(generatedFile)
      const saved = performance.now()
      writeFileSync(postFile, `${original.trimEnd()}\n\n${marker}.\n`)
      const [refresh, rebuild] = await Promise.all([
        waitForPassServing(events, pageUrl, marker, saved, 120_000),
        waitForRewrite(generatedFile, before, 120_000),
      ])
      editToRefreshS.push(refresh)
      contentRebuildS.push(rebuild)
      await sleep(2000)
    }
  } finally {
    events.close()
    writeFileSync(postFile, original)
  }
  return { firstPageS, editToRefreshS, contentRebuildS }
}

/** Seconds from `saved` until, after a content event, the page served `text` (a pass may come first that has not got it). */
async function waitForPassServing(
  events: Awaited<ReturnType<typeof listenToContentEvents>>,
  pageUrl: string,
  text: string,
  saved: number,
  timeoutMs: number,
): Promise<number> {
  for (;;) {
    await events.next(Math.max(1, timeoutMs - (performance.now() - saved)))
    const response = await fetch(pageUrl, { cache: 'no-store' })
    if (response.ok && (await response.text()).includes(text)) return (performance.now() - saved) / 1000
  }
}
