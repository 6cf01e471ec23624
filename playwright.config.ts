import { existsSync } from 'node:fs'
import { defineConfig, devices } from '@playwright/test'

/** The port the production server listens on during tests; override with E2E_PORT. */
const port = Number(process.env.E2E_PORT ?? 3210)

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
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions,
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], launchOptions } }],
  webServer: {
    // What ships: the production build, served by `next start`, on loopback only.
    command: `npm run build && npx next start -H 127.0.0.1 -p ${port}`,
    url: `http://127.0.0.1:${port}/`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
  },
})
