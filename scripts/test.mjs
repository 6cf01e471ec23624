#!/usr/bin/env node
/**
 * The whole test suite, `npm test`: first what the end-to-end tests need on this machine (a Chromium and
 * nginx), then lint, typecheck, the unit tests (Vitest) and the end-to-end tests (Playwright against the
 * production build and the static export). Ends with one plain line, "N passed, N failed", summing them:
 * lint, format and typecheck count as one check each, the test runners as their tests.
 *
 * On Debian as root (CI, a fresh container) it installs Debian's chromium and nginx with apt when they are
 * missing. Anywhere else it stops before running anything and prints the commands to run.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'

/** Debian's Chromium; playwright.config.ts uses it when it exists, and Playwright's own browser otherwise. */
const DEBIAN_CHROMIUM = '/usr/bin/chromium'
/** Where Debian, a source build and Homebrew (Intel, Apple silicon) put nginx; scripts/serve-static.mjs looks in the same places and on PATH. */
const NGINX_PATHS = ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/local/bin/nginx', '/opt/homebrew/bin/nginx']

/**
 * Runs a command with the terminal as its output; its exit status (1 when it could not start).
 * @param {string} command
 * @param {string[]} args
 * @param {Record<string, string>} [env]
 * @returns {number}
 */
function run(command, args, env = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } })
  if (result.error) console.error(`Could not run ${command}: ${result.error.message}`)
  return result.status ?? 1
}

/**
 * A JSON report a runner wrote, or undefined when it wrote none (it failed before reporting).
 * @param {string} file
 * @returns {unknown}
 */
function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    return undefined
  }
}

/**
 * Whether an executable of this name is on PATH.
 * @param {string} name
 */
function isOnPath(name) {
  return (process.env.PATH ?? '').split(delimiter).some((folder) => folder !== '' && existsSync(join(folder, name)))
}

const hasNginx = () => NGINX_PATHS.some((path) => existsSync(path)) || isOnPath('nginx')

/**
 * Debian's nginx sends the build's .br files with this module (scripts/serve-static.mjs loads it when it is
 * there), so that both deployments answer a brotli request alike; it comes in a package of its own.
 */
const BROTLI_MODULE = '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so'
const BROTLI_PACKAGE = 'libnginx-mod-http-brotli-static'
const needsBrotliModule = () => existsSync('/etc/debian_version') && !existsSync(BROTLI_MODULE)

/** Whether Playwright's own Chromium is downloaded (`npx playwright install chromium`). */
function hasPlaywrightChromium() {
  const probe = spawnSync('npx', ['playwright', 'install', '--dry-run', 'chromium'], { encoding: 'utf8' })
  const location = /Install location:\s+(\S+)/.exec(probe.stdout ?? '')?.[1]
  return location !== undefined && existsSync(location)
}

const hasBrowser = () => existsSync(DEBIAN_CHROMIUM) || hasPlaywrightChromium()

/**
 * What to type to install the missing packages here, one command a line.
 * @param {string[]} missing Debian package names: chromium, nginx
 * @returns {string[]}
 */
function describeInstall(missing) {
  const browser = missing.includes('chromium')
  const nginx = missing.includes('nginx')
  if (process.platform === 'darwin') {
    return [nginx && 'brew install nginx', browser && 'npx playwright install chromium'].filter((line) => typeof line === 'string')
  }
  if (process.platform === 'linux' && isOnPath('apt-get')) {
    const sudo = process.getuid?.() === 0 ? '' : 'sudo '
    return [`${sudo}apt-get update && ${sudo}apt-get install -y ${missing.join(' ')}`]
  }
  return [
    nginx && 'install nginx with the system package manager (e.g. sudo dnf install nginx), so that `nginx` is on PATH',
    browser && 'npx playwright install chromium',
  ].filter((line) => typeof line === 'string')
}

/**
 * Makes sure a browser and nginx are here: installs them with apt on Debian as root, else stops the run
 * with the commands to type. Never returns when something is still missing.
 */
function ensureSystemPackages() {
  /** @type {() => string[]} */
  const findMissing = () =>
    [!hasBrowser() && 'chromium', !hasNginx() && 'nginx', needsBrotliModule() && BROTLI_PACKAGE].filter((name) => typeof name === 'string')
  const missing = findMissing()
  if (missing.length === 0) return

  const canInstall = process.platform === 'linux' && process.getuid?.() === 0 && isOnPath('apt-get')
  if (!canInstall) {
    console.error(`The end-to-end tests need ${missing.join(' and ')}, which ${missing.length === 1 ? 'is' : 'are'} not installed. Run:\n`)
    for (const line of describeInstall(missing)) console.error(`  ${line}`)
    console.error('\nthen npm test again.')
    process.exit(1)
  }

  console.log(`Installing Debian's ${missing.join(' and ')} for the end-to-end tests (apt-get)`)
  /** @type {import('node:child_process').SpawnSyncOptions} */
  const apt = { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }
  const updated = spawnSync('apt-get', ['update', '-qq'], apt).status === 0
  const installed = updated && spawnSync('apt-get', ['install', '-y', '-qq', ...missing], apt).status === 0
  const stillMissing = findMissing()
  if (!installed) {
    console.error(`Installing ${missing.join(' and ')} with apt-get failed (see above). Run this, then npm test again:\n`)
    console.error(`  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y ${missing.join(' ')}`)
    process.exit(1)
  }
  if (stillMissing.length > 0) {
    const paths = stillMissing.map((name) => (name === 'chromium' ? DEBIAN_CHROMIUM : name === BROTLI_PACKAGE ? BROTLI_MODULE : NGINX_PATHS[0]))
    console.error(`apt-get installed ${missing.join(' and ')}, but ${paths.join(' and ')} ${paths.length === 1 ? 'is' : 'are'} still missing.`)
    process.exit(1)
  }
}

/** @typedef {{ name: string, passed: number, failed: number }} Step One line of the summary: a step and its counts. */
/** @type {Step[]} */
const steps = []

/**
 * Runs one check (lint, format, typecheck): a single pass or fail.
 * @param {string} name
 * @param {[string, string[]][]} commands run in order; the first to fail stops the step
 */
function runCheck(name, commands) {
  console.log(`\n== ${name}`)
  const ok = commands.every(([command, args]) => run(command, args) === 0)
  steps.push({ name, passed: ok ? 1 : 0, failed: ok ? 0 : 1 })
}

/**
 * Counts a test runner's JSON report; a runner that failed without reporting counts as one failure, so a
 * broken runner never reads as a clean run.
 * @param {string} name
 * @param {number} status the runner's exit status
 * @param {{ passed: number, failed: number } | undefined} counts from its report
 */
function recordRunner(name, status, counts) {
  if (!counts) {
    steps.push({ name, passed: 0, failed: status === 0 ? 0 : 1 })
    return
  }
  // A non-zero exit with no failed test (an error outside the tests, a failed web server) still fails the run.
  const extra = status !== 0 && counts.failed === 0 ? 1 : 0
  steps.push({ name, passed: counts.passed, failed: counts.failed + extra })
}

ensureSystemPackages()

runCheck('lint: eslint .', [['npx', ['eslint', '.']]])
runCheck('format: prettier --check .', [['npx', ['prettier', '--check', '.']]])
runCheck('typecheck: contentlayer2 build, tsc --noEmit', [
  ['npx', ['contentlayer2', 'build']],
  ['npx', ['tsc', '--noEmit']],
])

const reports = mkdtempSync(join(tmpdir(), 'blog-tests-'))

console.log('\n== unit tests: vitest run')
const unitFile = join(reports, 'unit.json')
const unitStatus = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${unitFile}`])
const unit = /** @type {{ numPassedTests: number, numFailedTests: number } | undefined} */ (readJson(unitFile))
recordRunner('unit tests', unitStatus, unit && { passed: unit.numPassedTests, failed: unit.numFailedTests })

console.log('\n== end-to-end tests: playwright test')
const e2eFile = join(reports, 'e2e.json')
const e2eStatus = run('npx', ['playwright', 'test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: e2eFile })
const e2e = /** @type {{ stats: { expected: number, flaky: number, unexpected: number } } | undefined} */ (readJson(e2eFile))
recordRunner('end-to-end tests', e2eStatus, e2e && { passed: e2e.stats.expected + e2e.stats.flaky, failed: e2e.stats.unexpected })

rmSync(reports, { recursive: true, force: true })

console.log('')
for (const step of steps) console.log(`${step.failed === 0 ? 'ok    ' : 'FAILED'} ${step.name}: ${step.passed} passed, ${step.failed} failed`)
const passed = steps.reduce((sum, step) => sum + step.passed, 0)
const failed = steps.reduce((sum, step) => sum + step.failed, 0)
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)
