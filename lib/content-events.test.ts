import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { contentReloadScript, CONTENT_EVENTS_PATH, streamContentPasses } from './content-events'

const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

function makeStamp(pass: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'content-events-'))
  folders.push(folder)
  const file = join(folder, 'generation.json')
  writeFileSync(file, JSON.stringify({ pass }))
  return file
}

/** As lib/content-source.ts reads it: while the stamp is missing, the last pass read stands. */
function readPassOf(file: string): () => string {
  let last = ''
  return () => {
    try {
      last = (JSON.parse(readFileSync(file, 'utf8')) as { pass: string }).pass
    } catch {
      // being rewritten, or its folder deleted
    }
    return last
  }
}

/** The stream of `file`'s passes, read an event at a time as the page's EventSource would. */
function listen(file: string, pollMs?: number) {
  const abort = new AbortController()
  const reader = streamContentPasses(file, readPassOf(file), abort.signal, pollMs).getReader()
  return { abort, reader, readEvent: async () => new TextDecoder().decode((await reader.read()).value) }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('streamContentPasses', () => {
  it('sends the pass on connecting, then each new pass once, until the page goes away', async () => {
    const file = makeStamp('dev 1')
    const { abort, reader, readEvent } = listen(file)
    expect(await readEvent()).toBe('data: dev 1\n\n')

    // The same pass written again (the stamp rewritten without a new pass) is not news.
    writeFileSync(file, JSON.stringify({ pass: 'dev 1' }))
    await sleep(200)
    writeFileSync(file, JSON.stringify({ pass: 'dev 2' }))
    expect(await readEvent()).toBe('data: dev 2\n\n')

    abort.abort()
    expect(await reader.read()).toEqual({ done: true, value: undefined })
  })

  it('sends a pass as soon as it is written, not at the next poll of the stamp', async () => {
    const file = makeStamp('dev 1')
    const { abort, readEvent } = listen(file, 60_000)
    expect(await readEvent()).toBe('data: dev 1\n\n')
    writeFileSync(file, JSON.stringify({ pass: 'dev 2' }))
    const next = readEvent()
    // The poll is a minute away: only the watch can deliver the pass before this times out.
    expect(await Promise.race([next, sleep(3000).then(() => 'no event within 3 s')])).toBe('data: dev 2\n\n')
    abort.abort()
  })

  it('goes on when the folder is deleted and made again (rm -rf .contentlayer while dev runs)', async () => {
    const file = makeStamp('dev 1')
    const { abort, readEvent } = listen(file)
    expect(await readEvent()).toBe('data: dev 1\n\n')
    rmSync(join(file, '..'), { recursive: true, force: true })
    await sleep(200)
    mkdirSync(join(file, '..'))
    writeFileSync(file, JSON.stringify({ pass: 'dev 2' }))
    expect(await readEvent()).toBe('data: dev 2\n\n')
    abort.abort()
  })
})

describe('contentReloadScript', () => {
  it('listens to the events route and refreshes only on a pass other than the one rendered', () => {
    const script = contentReloadScript('dev "1"</script>')
    expect(script).toContain(`new EventSource(${JSON.stringify(CONTENT_EVENTS_PATH)})`)
    expect(script).not.toContain('</script>')
    // Run it against a stand-in EventSource and router, as a page would.
    const refreshed: string[] = []
    let onmessage: ((event: { data: string }) => void) | undefined
    class FakeEventSource {
      set onmessage(handler: (event: { data: string }) => void) {
        onmessage = handler
      }
    }
    const window = { next: { router: { refresh: () => refreshed.push('refresh') } } }
    new Function('EventSource', 'window', 'location', script)(FakeEventSource, window, { reload: () => refreshed.push('reload') })
    onmessage?.({ data: 'dev "1"</script>' })
    expect(refreshed).toEqual([])
    onmessage?.({ data: 'dev 2' })
    onmessage?.({ data: 'dev 2' })
    expect(refreshed).toEqual(['refresh'])
  })
})
