import { existsSync } from 'node:fs'
import { defineConfig, devices } from '@playwright/test'
import { FIXTURE_PORT, FIXTURE_URL, NODE_ONLY, NODE_PORT, NODE_URL, STATIC_PORT, STATIC_URL } from './e2e/servers'

/**
 * Browsers cannot be downloaded on the build machines, so Debian's Chromium is used where it exists;
 * elsewhere (a laptop with `npx playwright install chromium`) Playwright's own browser is.
 */
const DEBIAN_CHROMIUM = '/usr/bin/chromium'
const launchOptions = existsSync(DEBIAN_CHROMIUM)
  ? {
      executablePath: DEBIAN_CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    }
  : {}

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  workers: 2,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : 'list',
  use: { launchOptions },
  // The same suite against both deployments; tests tagged NODE_ONLY run against `npm start` alone.
  // The fixture site (the real posts plus e2e/fixture-content: drafts, a schedule, aliases, components, special
  // characters) has a project of its own.
  projects: [
    { name: 'node', testIgnore: 'fixture-site/**', use: { ...devices['Desktop Chrome'], launchOptions, baseURL: NODE_URL } },
    {
      name: 'static',
      testIgnore: 'fixture-site/**',
      grepInvert: new RegExp(NODE_ONLY),
      use: { ...devices['Desktop Chrome'], launchOptions, baseURL: STATIC_URL },
    },
    { name: 'fixture-site', testMatch: 'fixture-site/**/*.spec.ts', use: { ...devices['Desktop Chrome'], launchOptions, baseURL: FIXTURE_URL } },
  ],
  // Playwright starts these one after the other, each once the one before answers: the build happens once,
  // before nginx serves it, and `npm start` then serves the same out/. SIGTERM, not Playwright's default
  // SIGKILL, so both shut down cleanly: server.mjs drains, and serve-static.mjs stops nginx and removes its
  // temporary configuration.
  webServer: [
    {
      // The production build, out/, served by Debian's nginx with the configuration deploy/render-nginx.mjs renders.
      command: 'npm run build && exec node scripts/serve-static.mjs',
      env: { PORT: String(STATIC_PORT) },
      url: `${STATIC_URL}/`,
      timeout: 300_000,
      reuseExistingServer: false,
      gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // The same out/, served by `npm start` (server.mjs), on loopback only.
      command: 'exec node server.mjs',
      env: { PORT: String(NODE_PORT), HOST: '127.0.0.1' },
      url: `${NODE_URL}/`,
      timeout: 60_000,
      reuseExistingServer: false,
      gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // The fixture site: a copy of the project with extra content, built in its own folder, served by server.mjs.
      command: 'node scripts/fixture-site.mjs .fixture-site && cd .fixture-site && exec node server.mjs',
      env: { PORT: String(FIXTURE_PORT), HOST: '127.0.0.1' },
      url: `${FIXTURE_URL}/`,
      timeout: 300_000,
      reuseExistingServer: false,
      gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
})
