#!/usr/bin/env node
/**
 * The dev loop: contentlayer2 recompiles posts as they are saved while next dev serves them with
 * live reload. contentlayer2's Next plugin only hooks webpack and Next 16 runs Turbopack, hence two
 * processes. Arguments go to next dev (`npm run dev -- -p 4000`); either process ending ends both.
 */
import { spawn, spawnSync } from 'node:child_process'

const initial = spawnSync('npx', ['contentlayer2', 'build'], { stdio: 'inherit' })
if (initial.status !== 0) process.exit(initial.status ?? 1)

const children = [spawn('npx', ['contentlayer2', 'dev'], { stdio: 'inherit' }), spawn('npx', ['next', 'dev', ...process.argv.slice(2)], { stdio: 'inherit' })]

let exiting = false
/** Stops both processes (once) and exits with `code` when they are gone. @param {number} code */
function stopAll(code) {
  if (exiting) return
  exiting = true
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM')
  process.exitCode = code
}
for (const child of children) child.on('exit', (code) => stopAll(code ?? 0))
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stopAll(0))
