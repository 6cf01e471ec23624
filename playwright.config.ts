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
  // Started one after the other, the export first: Next 16 builds an export in .next/ too (whatever distDir
  // says), so the server build must come after it, and the server must not be running while it happens.
  // SIGTERM, not Playwright's default SIGKILL, so both shut down cleanly: server.mjs drains, and
  // serve-static.mjs stops nginx and removes its temporary configuration.
  webServer: [
    {
      // The static export in out/, served by Debian's nginx with deploy/nginx.conf.
      command: 'npm run export && exec node scripts/serve-static.mjs',
      env: { PORT: String(STATIC_PORT) },
      url: `${STATIC_URL}/`,
      timeout: 300_000,
      reuseExistingServer: false,
      gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // What ships: the production build, served by `npm start` (server.mjs), on loopback only.
      command: 'npm run build && exec node server.mjs',
      env: { PORT: String(NODE_PORT), HOST: '127.0.0.1' },
      url: `${NODE_URL}/`,
      timeout: 300_000,
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
