#!/usr/bin/env node
/**
 * The whole test suite: unit tests (Vitest) then end-to-end tests (Playwright against the
 * production build). Ends with one plain line, "N passed, N failed", summing both.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const reports = mkdtempSync(join(tmpdir(), 'blog-tests-'))

function run(command, args, env = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } })
  return result.status ?? 1
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    return undefined
  }
}

/** Debian's Chromium, or Playwright's own browser on a laptop: one of them must be there. */
function ensureBrowser() {
  if (existsSync('/usr/bin/chromium')) return
  const probe = spawnSync('npx', ['playwright', 'install', '--dry-run', 'chromium'], { encoding: 'utf8' })
  const installed = /Install location:\s+(\S+)/.exec(probe.stdout ?? '')?.[1]
  if (installed && existsSync(installed)) return
  console.error('No browser for the end-to-end tests. On Debian: apt-get install -y chromium (what .ci/run does); elsewhere: npx playwright install chromium.')
  process.exit(1)
}

let passed = 0
let failed = 0

const unitFile = join(reports, 'unit.json')
const unitStatus = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${unitFile}`])
const unit = readJson(unitFile)
if (unit) {
  passed += unit.numPassedTests
  failed += unit.numFailedTests
} else if (unitStatus !== 0) {
  failed += 1 // the runner itself failed before reporting: count it, never report a clean run
}

ensureBrowser()
const e2eFile = join(reports, 'e2e.json')
const e2eStatus = run('npx', ['playwright', 'test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: e2eFile })
const e2e = readJson(e2eFile)
if (e2e) {
  passed += e2e.stats.expected + e2e.stats.flaky
  failed += e2e.stats.unexpected
  if (e2e.errors?.length && e2e.stats.unexpected === 0 && e2eStatus !== 0) failed += 1
} else if (e2eStatus !== 0) {
  failed += 1
}

rmSync(reports, { recursive: true, force: true })
console.log(`${passed} passed, ${failed} failed`)
process.exit(unitStatus === 0 && e2eStatus === 0 && failed === 0 ? 0 : 1)
