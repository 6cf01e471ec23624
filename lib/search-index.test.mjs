import { describe, expect, it } from 'vitest'
import { jsonLinesParts } from './text-stream'
import { addInOrder, recordsFromJsonLines } from './search-index.mjs'

/** @param {number} count */
const makeRecords = (count) => Array.from({ length: count }, (_, index) => ({ url: `/post-${index}/`, content: `<p>${index}</p>` }))

describe('addInOrder', () => {
  it('sends every record once, in order, never more than the limit before answers come back', async () => {
    const sent = /** @type {string[]} */ ([])
    let waiting = 0
    let mostWaiting = 0
    await addInOrder(
      makeRecords(200),
      async (record) => {
        sent.push(record.url)
        mostWaiting = Math.max(mostWaiting, ++waiting)
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 3))
        waiting--
        return { errors: [] }
      },
      16,
    )
    expect(sent).toEqual(makeRecords(200).map((record) => record.url))
    expect(mostWaiting).toBe(16)
  })

  it('fails naming the record pagefind refused and why', async () => {
    const add = async (/** @type {{ url: string }} */ record) => ({ errors: record.url === '/post-7/' ? ['no <html> element'] : [] })
    await expect(addInOrder(makeRecords(20), add, 4)).rejects.toThrow('Search index: /post-7/: no <html> element')
  })
})

describe('recordsFromJsonLines', () => {
  it('gives back the records the search records route writes, one parsed at a time', () => {
    const records = [...makeRecords(3), { url: '/naïve/', content: '<p>"quoted" 🎉\nsecond line\u2028</p>' }]
    const bytes = new TextEncoder().encode([...jsonLinesParts(records)].join(''))
    const parsed = recordsFromJsonLines(bytes)
    expect(parsed.next().value).toEqual(records[0])
    expect([...parsed]).toEqual(records.slice(1))
  })

  it('reads a view into a larger buffer, and a last line without its line break', () => {
    const text = new TextEncoder().encode(`xx${JSON.stringify({ url: '/a/', content: '' })}\n${JSON.stringify({ url: '/b/', content: '' })}yy`)
    expect([...recordsFromJsonLines(text.subarray(2, text.length - 2))].map((record) => record.url)).toEqual(['/a/', '/b/'])
  })
})
