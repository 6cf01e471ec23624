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

/**
 * JSON Lines (one JSON text a line) as parts, one item a part. JSON.stringify escapes every line break inside
 * a value, so each line is exactly one item, and a reader can parse them one at a time.
 */
export function* jsonLinesParts(items: Iterable<unknown>): Generator<string> {
  for (const item of items) {
    const line = JSON.stringify(item) as string | undefined
    if (line === undefined) throw new Error(`JSON Lines: ${typeof item} has no JSON form`)
    yield `${line}\n`
  }
}
