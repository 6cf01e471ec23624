/**
 * The build's content hash (hashOf), and a content-addressed cache for its finishing step
 * (scripts/finish-build.mjs): its work on a page or
 * file depends only on that page's or file's bytes, so a rebuild after one edit redoes the work for what the
 * edit changed, and a CI run that restores .next/cache (README, "Caching builds in CI") redoes nothing else.
 * Entries are named by the sha256 of what they were made from, under the version of the code that made them;
 * each build keeps only the entries it used, so the cache holds one build's worth and never grows with history.
 */
import { createHash } from 'node:crypto'
import { copyFileSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Puts `from`'s bytes at `to` without reading them: a hard link, or a copy across file systems. The two then
 * share the bytes, so no one may write to either in place.
 * @param {string} from
 * @param {string} to
 */
export function linkOrCopy(from, to) {
  try {
    linkSync(from, to)
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EXDEV') throw error
    copyFileSync(from, to)
  }
}

/** The key of some bytes: what the entry made from them is named by. */
export function hashOf(/** @type {string | Uint8Array} */ bytes) {
  return createHash('sha256').update(bytes).digest('hex')
}

/**
 * @param {string} dir the cache's folder, made on first use
 * @param {string} version the version of the code that makes the entries: entries another version made are
 *   never read (and the next prune removes them), since an entry depends on the code as much as on its bytes
 */
export function openBuildCache(dir, version) {
  mkdirSync(dir, { recursive: true })
  /** Entries this build read or wrote, by file name: the ones `prune` keeps. */
  const used = new Set()
  const fileName = (/** @type {string} */ name) => `${version}-${name}`
  let hits = 0
  let misses = 0
  return {
    /**
     * The entry's bytes, or undefined when this key was never stored.
     * @param {string} name a hash, with a suffix naming what was made from it
     * @returns {Buffer | undefined}
     */
    read(name) {
      const file = fileName(name)
      try {
        const bytes = readFileSync(join(dir, file))
        used.add(file)
        hits++
        return bytes
      } catch {
        misses++
        return undefined
      }
    },
    /**
     * Stores an entry: written beside, then renamed over any old one, because entries are linked into built
     * sites (link), and one written in place would change a page a server is sending.
     * @param {string} name
     * @param {string | Uint8Array} bytes
     * @param {string} [target] a file that must hold the same bytes: the entry is linked there (linkOrCopy),
     *   so the bytes are written once
     */
    write(name, bytes, target) {
      const file = fileName(name)
      const path = join(dir, file)
      const beside = `${path}.${process.pid}.tmp`
      writeFileSync(beside, bytes)
      renameSync(beside, path)
      used.add(file)
      if (target !== undefined) linkOrCopy(path, target)
    },
    /**
     * Puts the entry's bytes at `target` (linkOrCopy). 'empty' for an entry of no bytes (nothing is put
     * there), and undefined when this key was never stored.
     * @param {string} name
     * @param {string} target
     * @returns {'linked' | 'empty' | undefined}
     */
    link(name, target) {
      const file = fileName(name)
      const path = join(dir, file)
      let size
      try {
        size = statSync(path).size
      } catch {
        misses++
        return undefined
      }
      used.add(file)
      hits++
      if (size === 0) return 'empty'
      linkOrCopy(path, target)
      return 'linked'
    },
    /** Removes every entry this build did not use. */
    prune() {
      for (const name of readdirSync(dir)) if (!used.has(name)) rmSync(join(dir, name), { force: true })
    },
    /** How many reads found their entry, for the build's log. */
    stats: () => ({ hits, misses }),
  }
}

/** @typedef {ReturnType<typeof openBuildCache>} BuildCache */
