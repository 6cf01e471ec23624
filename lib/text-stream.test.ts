import { describe, expect, it } from 'vitest'
import { jsonLinesParts, streamTextParts } from './text-stream'

const read = (stream: ReadableStream<Uint8Array>) => new Response(stream).text()

describe('streamTextParts', () => {
  it('sends exactly the joined text, a part longer than a chunk and emoji across chunk boundaries included', async () => {
    const parts = ['<a>', '', 'é'.repeat(20_000), '🎉'.repeat(9_000), '', '</a>']
    expect(await read(streamTextParts(parts))).toBe(parts.join(''))
  })

  it('closes at once when there is nothing to send', async () => {
    expect(await read(streamTextParts([]))).toBe('')
    expect(await read(streamTextParts(['', '']))).toBe('')
  })

  it('makes a part only when the stream is read that far', async () => {
    const made: number[] = []
    function* parts() {
      for (let index = 0; index < 3; index++) {
        made.push(index)
        yield `part ${index}`
      }
    }
    const reader = streamTextParts(parts()).getReader()
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('part 0')
    // A ReadableStream pulls once ahead of its reader (high-water mark 1), never the whole iterable.
    expect(made.length).toBeLessThan(3)
    await reader.cancel()
  })
})

describe('jsonLinesParts', () => {
  it('is one line of JSON an item, each line parsing back to its item', () => {
    const items = [{ url: '/a/', content: '<p>"é" \\ 🎉\nline two\u2028</p>' }, 1, 'two', null, [3]]
    const parts = [...jsonLinesParts(items)]
    expect(parts).toHaveLength(items.length)
    const lines = parts.join('').split('\n')
    expect(lines.pop()).toBe('')
    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual(items)
    expect([...jsonLinesParts([])]).toEqual([])
  })

  it('refuses an item JSON cannot write, rather than a line that parses as something else', () => {
    expect(() => [...jsonLinesParts([undefined])]).toThrow('undefined has no JSON form')
  })
})
