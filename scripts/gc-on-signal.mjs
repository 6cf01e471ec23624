/**
 * Loaded only by scripts/load.mjs (node --expose-gc --import): on SIGUSR2, a full garbage collection, then
 * one line "gc-memory {…}" with process.memoryUsage() in MiB, so the load test compares the server's memory
 * at comparable moments. Never part of `npm start`.
 */
process.on('SIGUSR2', () => {
  globalThis.gc?.()
  const usage = Object.fromEntries(Object.entries(process.memoryUsage()).map(([name, bytes]) => [name, Math.round((bytes / 1024 / 1024) * 10) / 10]))
  console.log(`gc-memory ${JSON.stringify(usage)}`)
})
