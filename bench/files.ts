/** Counts what a build wrote: files, HTML pages and bytes under a folder. */
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { listFiles } from '../lib/export-files.mjs'

export type OutputCount = { files: number; htmlPages: number; feeds: number; mebibytes: number }

/** Files, *.html pages, *.xml / *.json feeds and total size under `dir`, recursively. */
export function countOutput(dir: string, skip: (relativePath: string) => boolean = () => false): OutputCount {
  const count: OutputCount = { files: 0, htmlPages: 0, feeds: 0, mebibytes: 0 }
  let bytes = 0
  const walk = (folder: string, relative: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = relative ? `${relative}/${entry.name}` : entry.name
      if (skip(path)) continue
      if (entry.isDirectory()) {
        walk(join(folder, entry.name), path)
        continue
      }
      count.files += 1
      bytes += statSync(join(folder, entry.name)).size
      if (entry.name.endsWith('.html')) count.htmlPages += 1
      else if (/\/(index|atom)\.xml$|\/feed\.json$|^(index|atom)\.xml$|^feed\.json$/.test(path)) count.feeds += 1
    }
  }
  walk(dir, '')
  count.mebibytes = Math.round((bytes / 2 ** 20) * 10) / 10
  return count
}

/** Every file under `dir` (links followed) and a hash of its bytes, in path order: two builds' trees compare equal when every byte does. */
export function digestTree(dir: string): string {
  const hash = createHash('sha256')
  for (const file of listFiles(dir).sort())
    hash
      .update(`${file}\0`)
      .update(readFileSync(join(dir, file)))
      .update('\0')
  return hash.digest('hex')
}
