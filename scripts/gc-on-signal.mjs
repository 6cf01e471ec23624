/**
 * Loaded only by scripts/load.mjs (node --expose-gc --import): a full garbage collection on SIGUSR2, so the
 * load test compares the server's memory at comparable moments. Never part of `npm start`.
 */
process.on('SIGUSR2', () => globalThis.gc?.())
