/**
 * The two deployments every end-to-end test runs against (playwright.config.ts starts both):
 * `npm start` (server.mjs) and nginx (the configuration deploy/render-nginx.mjs renders), both serving out/.
 * Loopback only; E2E_PORT and E2E_STATIC_PORT move them.
 */
export const NODE_PORT = Number(process.env.E2E_PORT ?? 5050)
export const STATIC_PORT = Number(process.env.E2E_STATIC_PORT ?? 5051)
/**
 * The fixture site (scripts/fixture-site.mjs) and the dev-reload test's dev server: clear of server.spec's
 * NODE_PORT + 2, and of 5060/5061 (SIP), which browsers and fetch() refuse to connect to.
 */
export const FIXTURE_PORT = NODE_PORT + 20
export const DEV_PORT = NODE_PORT + 21
export const NODE_URL = `http://127.0.0.1:${NODE_PORT}`
export const FIXTURE_URL = `http://127.0.0.1:${FIXTURE_PORT}`
export const STATIC_URL = `http://127.0.0.1:${STATIC_PORT}`

/** Tag for tests about behaviour only the Node server has; the static project skips them (each says why). */
export const NODE_ONLY = '@node-only'
