/**
 * Bounded concurrency, one owner: for work that waits on something else (a server, zlib's thread pool,
 * pagefind's process) and must neither run one item at a time nor start every item at once. Plain JavaScript
 * (checked by tsc through JSDoc) so that the finishing step, run under bare Node, can use it too.
 * lib/check-urls.ts keeps a loop of its own, and says why.
 */

/**
 * Runs `action` on every item, at most `limit` at a time, starting them in the items' order. Rejects with the
 * first error; as with Promise.all, the other runners still go on to the end.
 * @template T
 * @param {readonly T[]} items
 * @param {number} limit
 * @param {(item: T, index: number) => Promise<void>} action
 * @returns {Promise<void>}
 */
export async function forEachLimited(items, limit, action) {
  let next = 0
  const runNext = async () => {
    while (next < items.length) {
      const index = next++
      await action(/** @type {T} */ (items[index]), index)
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, runNext))
}
