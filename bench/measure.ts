/**
 * Runs a command and measures it the way the issue asks: wall time, CPU time (user + sys of the
 * whole process tree, from /usr/bin/time), the largest single process (time's max RSS) and the
 * peak memory of the tree at once (sampled from /proc), because `next build` spreads work over workers.
 */
import { spawn } from 'node:child_process'
import { readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export type RunFigures = {
  wallS: number
  /** user + sys of every process in the tree that was waited for. */
  cpuS: number
  /** The largest RSS of any one process, in MiB. */
  maxProcessRssMiB: number
  /** The largest sum of RSS over the tree at one sample (every 200 ms), in MiB. */
  peakTreeRssMiB: number
}

const PAGE_BYTES = 4096

/** Parent pid of every live process, from /proc. */
function readParents(): Map<number, number> {
  const parents = new Map<number, number>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      // The command name may contain spaces and parentheses; the fields after the last ")" do not.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      parents.set(Number(entry), Number(fields[1]))
    } catch {
      // The process ended between readdir and read: it has no memory left to count.
    }
  }
  return parents
}

/** Every pid under `root`, root included. */
export function listProcessTree(root: number): number[] {
  const parents = readParents()
  const tree = new Set([root])
  let grew = true
  while (grew) {
    grew = false
    for (const [pid, parent] of parents) {
      if (tree.has(parent) && !tree.has(pid)) {
        tree.add(pid)
        grew = true
      }
    }
  }
  return [...tree]
}

/** Resident memory of a process tree in MiB (0 for processes that are gone). */
export function readTreeRssMiB(root: number): number {
  let pages = 0
  for (const pid of listProcessTree(root)) {
    try {
      pages += Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1])
    } catch {
      // Gone already.
    }
  }
  return (pages * PAGE_BYTES) / 2 ** 20
}

export type RunOptions = { cwd: string; env?: Record<string, string> }

/**
 * The environment of a child run in `cwd`: the bench's, plus `env` (a name set to undefined is removed), with
 * PWD saying `cwd`. contentlayer2 takes its working folder from PWD before process.cwd(), and the bench's own
 * PWD is the project: without this, a content build in the scratch copy compiled the developer's project
 * instead, and never finished.
 */
export function childEnv(cwd: string, env: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const merged: Record<string, string | undefined> = { ...process.env, ...env, PWD: cwd }
  for (const [key, value] of Object.entries(merged)) if (value === undefined) delete merged[key]
  return merged as NodeJS.ProcessEnv
}

/** Runs `command args` under /usr/bin/time -v; rejects with the output's tail when it fails. */
export function runMeasured(command: string, args: readonly string[], options: RunOptions): Promise<RunFigures> {
  const timeFile = join(tmpdir(), `bench-time-${process.pid}-${Date.now()}.txt`)
  const started = process.hrtime.bigint()
  const child = spawn('/usr/bin/time', ['-v', '-o', timeFile, command, ...args], {
    cwd: options.cwd,
    env: childEnv(options.cwd, options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000)
  }
  child.stdout.on('data', keep)
  child.stderr.on('data', keep)
  let peak = 0
  const sampler = setInterval(() => {
    if (child.pid) peak = Math.max(peak, readTreeRssMiB(child.pid))
  }, 200)
  return new Promise((resolve, reject) => {
    child.on('close', (code) => {
      clearInterval(sampler)
      const wallS = Number(process.hrtime.bigint() - started) / 1e9
      let report = ''
      try {
        report = readFileSync(timeFile, 'utf8')
        rmSync(timeFile)
      } catch {
        // Reported below as a failure when time wrote nothing.
      }
      if (code !== 0 || !report) {
        reject(new Error(`"${command} ${args.join(' ')}" in ${options.cwd} exited ${code}; its output ended:\n${output.slice(-4000)}`))
        return
      }
      const field = (name: string) => Number(new RegExp(`${name}: ([\\d.]+)`).exec(report)?.[1] ?? NaN)
      const maxProcessRssMiB = field('Maximum resident set size \\(kbytes\\)') / 1024
      resolve({
        wallS,
        cpuS: field('User time \\(seconds\\)') + field('System time \\(seconds\\)'),
        maxProcessRssMiB,
        peakTreeRssMiB: Math.max(peak, maxProcessRssMiB),
      })
    })
  })
}
