/**
 * Large build outputs (the site's feeds, the search records) sent as a stream of parts, each part made and
 * encoded only when the reader asks for it. At 5,000 posts each of those files is 55–60 MB: made as one
 * string, then encoded whole, it existed several times over in a prerender worker at once.
 */

/** Bytes per chunk a stream hands on, so that a large part starts reaching the reader before it is all sent. */
const CHUNK_BYTES = 16 * 1024

/** Streams the parts in order, taking the next from the iterable only when the stream is read. */
export function streamTextParts(parts: Iterable<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  const iterator = parts[Symbol.iterator]()
  return new ReadableStream({
    pull(controller) {
      // Enqueue something or close: a pull that does neither leaves a waiting reader waiting for good.
      for (let next = iterator.next(); !next.done; next = iterator.next()) {
        // Encode a whole part, then slice bytes: slicing the string could split an emoji's surrogate pair.
        const bytes = encoder.encode(next.value)
        if (bytes.length === 0) continue
        for (let offset = 0; offset < bytes.length; offset += CHUNK_BYTES) controller.enqueue(bytes.subarray(offset, offset + CHUNK_BYTES))
        return
      }
      controller.close()
    },
  })
}

/** A JSON array as parts, one element at a time: the same text as JSON.stringify(items). */
export function* jsonArrayParts(items: Iterable<unknown>): Generator<string> {
  let separator = '['
  for (const item of items) {
    // In an array JSON.stringify writes null where it would write nothing on its own (undefined, a function).
    yield separator + (JSON.stringify(item) ?? 'null')
    separator = ','
  }
  yield separator === '[' ? '[]' : ']'
}
