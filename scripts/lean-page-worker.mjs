/**
 * Makes pages lean (leanPage) in a thread of its own for the finishing step (scripts/finish-build.mjs), which
 * parses pages on its main thread too. Each message names a page of the export; the answer is its lean HTML
 * and references, or the error that must stop the build (a script that is not ours, say).
 */
import { readFileSync } from 'node:fs'
import { parentPort } from 'node:worker_threads'
import { leanPage } from './finish-build.mjs'

parentPort?.on('message', (/** @type {{ file: string; page: string }} */ { file, page }) => {
  try {
    parentPort?.postMessage({ page, ...leanPage(readFileSync(file, 'utf8'), page) })
  } catch (error) {
    parentPort?.postMessage({ page, error: error instanceof Error ? error.message : String(error) })
  }
})
