/**
 * Bounded concurrency, one owner: for work that waits on something else (a server, zlib's thread pool,
 * pagefind's process) and must neither run one item at a time nor start every item at once. Plain JavaScript
 * (checked by tsc through JSDoc) so that the finishing step, run under bare Node, can use it too.
 * lib/check-urls.ts keeps a loop of its own, and says why.
 */

/**
 * Runs `action` on every item, at most `limit` at a time, starting them in the items' order. Items are taken
 * from the iterable only as a runner becomes free, so a generator makes at most `limit` of them ahead of the
 * work (the search index parses its records that way). Rejects with the first error; as with Promise.all, the
 * other runners still go on to the end.
 * @template T
 * @param {Iterable<T>} items
 * @param {number} limit
 * @param {(item: T, index: number) => Promise<void>} action
 * @returns {Promise<void>}
 */
export async function forEachLimited(items, limit, action) {
  const iterator = items[Symbol.iterator]()
  let next = 0
  let finished = false
  const runNext = async () => {
    while (!finished) {
      const item = iterator.next()
      if (item.done) {
        finished = true
        return
      }
      await action(item.value, next++)
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, limit) }, runNext))
}
