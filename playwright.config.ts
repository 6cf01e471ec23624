import { existsSync } from 'node:fs'
import { defineConfig, devices } from '@playwright/test'

/** The port the production server listens on during tests; override with E2E_PORT. The fixture site uses the next one. */
const port = Number(process.env.E2E_PORT ?? 3210)
const fixturePort = port + 1

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
  projects: [
    {
      // The real blog, as it ships.
      name: 'site',
      testIgnore: 'fixture-site/**',
      use: { ...devices['Desktop Chrome'], launchOptions, baseURL: `http://127.0.0.1:${port}` },
    },
    {
      // The real posts plus e2e/fixture-content (drafts, schedule, aliases, components, special characters).
      name: 'fixture-site',
      testMatch: 'fixture-site/**/*.spec.ts',
      use: { ...devices['Desktop Chrome'], launchOptions, baseURL: `http://127.0.0.1:${fixturePort}` },
    },
  ],
  // Started one after the other: each production build, then `next start`, on loopback only.
  webServer: [
    {
      command: `npm run build && npx next start -H 127.0.0.1 -p ${port}`,
      url: `http://127.0.0.1:${port}/`,
      timeout: 240_000,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: `node scripts/fixture-site.mjs .fixture-site && cd .fixture-site && npx next start -H 127.0.0.1 -p ${fixturePort}`,
      url: `http://127.0.0.1:${fixturePort}/`,
      timeout: 240_000,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
})
