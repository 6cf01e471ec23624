import { describe, expect, it } from 'vitest'
import { forEachLimited } from './run-limited.mjs'

describe('forEachLimited', () => {
  it('starts every item once, in order, with its index, never more than the limit at a time', async () => {
    const items = Array.from({ length: 50 }, (_, index) => `item ${index}`)
    const started = /** @type {[string, number][]} */ ([])
    let running = 0
    let mostRunning = 0
    await forEachLimited(items, 6, async (item, index) => {
      started.push([item, index])
      mostRunning = Math.max(mostRunning, ++running)
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 3))
      running--
    })
    expect(started).toEqual(items.map((item, index) => [item, index]))
    expect(mostRunning).toBe(6)
  })

  it('takes items from an iterable only as runners become free', async () => {
    let made = 0
    let mostAhead = 0
    let done = 0
    function* items() {
      for (let index = 0; index < 40; index++) {
        made++
        mostAhead = Math.max(mostAhead, made - done)
        yield index
      }
    }
    await forEachLimited(items(), 4, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1))
      done++
    })
    expect(done).toBe(40)
    // Never more made than being worked on: a generator of parsed records holds at most `limit` of them.
    expect(mostAhead).toBe(4)
  })

  it('rejects with the first error', async () => {
    const action = async (/** @type {number} */ item) => {
      if (item === 3) throw new Error('item 3 failed')
    }
    await expect(forEachLimited([0, 1, 2, 3, 4], 2, action)).rejects.toThrow('item 3 failed')
  })

  it('does nothing, and settles, for no items', async () => {
    let calls = 0
    await forEachLimited([], 4, async () => {
      calls++
    })
    expect(calls).toBe(0)
  })
})
