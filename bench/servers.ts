/**
 * Starts and stops the servers the bench loads: `npm start` (server.mjs), nginx and the dev server. Each is
 * spawned in its own process group on 127.0.0.1, and stopped by that group's id, never by name,
 * because other builds and servers share this machine.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export type Server = {
  name: string
  origin: string
  /** The process group leader we spawned: its tree is what we measure and stop. */
  pid: number
  stop: () => Promise<void>
  /** The last output, for error messages. */
  readOutput: () => string
}

const NEXT_BIN = 'node_modules/next/dist/bin/next'

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** Resolves once `url` answers at all (any status), or rejects after `timeoutMs`. */
export async function waitForUrl(url: string, timeoutMs: number, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`${url}: the server exited with code ${child.exitCode} before it answered.`)
    try {
      await fetch(url, { signal: AbortSignal.timeout(5000) })
      return
    } catch {
      await sleep(200)
    }
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s.`)
}

function spawnServer(name: string, origin: string, command: string, args: string[], cwd: string, env: Record<string, string> = {}): Server {
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
  let output = ''
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const pid = child.pid
  if (pid === undefined) throw new Error(`Could not start ${name} (${command} ${args.join(' ')}).`)
  return {
    name,
    origin,
    pid,
    readOutput: () => output,
    stop: async () => {
      if (child.exitCode !== null) return
      try {
        process.kill(-pid, 'SIGTERM')
      } catch {
        return
      }
      const forced = setTimeout(() => {
        try {
          process.kill(-pid, 'SIGKILL')
        } catch {
          // Already gone.
        }
      }, 10_000)
      await exited
      clearTimeout(forced)
    },
  }
}

/**
 * `npm start` on the production build in `cwd` (.next/): server.mjs, Next's request handler plus the
 * per-page CSP and security headers, as deployed; not bare `next start`, which sends neither.
 */
export async function startNextServer(cwd: string, port: number): Promise<Server> {
  const origin = `http://127.0.0.1:${port}`
  const server = spawnServer('npm start', origin, process.execPath, ['server.mjs'], cwd, {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
  })
  await waitForUrl(`${origin}/`, 60_000).catch(async (error: Error) => {
    await server.stop()
    throw new Error(`${error.message}\n${server.readOutput()}`)
  })
  return server
}

/** nginx serving `root` with bench/nginx.conf.template; `workDir` receives its config, pid and logs. */
export async function startNginx(name: string, root: string, port: number, workDir: string, templateFile: string): Promise<Server> {
  mkdirSync(workDir, { recursive: true })
  const config = readFileSync(templateFile, 'utf8').replaceAll('{{PREFIX}}', workDir).replaceAll('{{ROOT}}', root).replaceAll('{{PORT}}', String(port))
  const configFile = join(workDir, 'nginx.conf')
  writeFileSync(configFile, config)
  const origin = `http://127.0.0.1:${port}`
  const server = spawnServer(name, origin, 'nginx', ['-p', workDir, '-c', configFile], workDir)
  await waitForUrl(`${origin}/`, 15_000).catch(async (error: Error) => {
    await server.stop()
    throw new Error(`${error.message}\n${server.readOutput()}`)
  })
  return server
}

/**
 * The dev loop as `npm run dev` runs it (contentlayer2 dev beside next dev), started as two
 * processes we own so both can be stopped; the content build in front has already run.
 */
export async function startDevServers(cwd: string, port: number, env: Record<string, string>): Promise<Server> {
  const origin = `http://127.0.0.1:${port}`
  const contentlayer = spawnServer('contentlayer2 dev', origin, process.execPath, ['node_modules/contentlayer2/bin/cli.cjs', 'dev'], cwd, env)
  const next = spawnServer('next dev', origin, process.execPath, [NEXT_BIN, 'dev', '-H', '127.0.0.1', '-p', String(port)], cwd, env)
  const server: Server = {
    name: 'next dev + contentlayer2 dev',
    origin,
    pid: next.pid,
    readOutput: () => `${contentlayer.readOutput()}\n${next.readOutput()}`,
    stop: async () => {
      await Promise.all([next.stop(), contentlayer.stop()])
    },
  }
  await waitForUrl(`${origin}/`, 180_000).catch(async (error: Error) => {
    await server.stop()
    throw new Error(`${error.message}\n${server.readOutput()}`)
  })
  return server
}
