/**
 * Starts and stops the servers the bench loads: `npm start` (server.mjs), nginx and the dev server. Each is
 * spawned in its own process group on 127.0.0.1, and stopped by that group's id, never by name,
 * because other builds and servers share this machine.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { childEnv } from './measure'

export type Server = {
  name: string
  origin: string
  /** The process group leader we spawned: its tree is what we measure and stop. */
  pid: number
  stop: () => Promise<void>
  /** The last output, for error messages. */
  readOutput: () => string
  /** How the process ended ("code 0", "signal SIGTERM"), or undefined while it runs. */
  readExit: () => string | undefined
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

/** `env` adds to the bench's environment; a name set to undefined is removed from it. */
function spawnServer(name: string, origin: string, command: string, args: string[], cwd: string, env: Record<string, string | undefined> = {}): Server {
  const child = spawn(command, args, { cwd, env: childEnv(cwd, env), stdio: ['ignore', 'pipe', 'pipe'], detached: true })
  let output = ''
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  let exit: string | undefined
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exit = signal ? `signal ${signal}` : `code ${code}`
      resolve()
    }),
  )
  const pid = child.pid
  if (pid === undefined) throw new Error(`Could not start ${name} (${command} ${args.join(' ')}).`)
  return {
    name,
    origin,
    pid,
    readOutput: () => output,
    readExit: () => exit,
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
 * `npm start` in `site`: server.mjs serving that copy's out/ with its default worker count (one per core;
 * a WEB_CONCURRENCY in the bench's own environment is not passed on), as deployed.
 */
export async function startNextServer(site: string, port: number): Promise<Server> {
  const origin = `http://127.0.0.1:${port}`
  const server = spawnServer('npm start', origin, process.execPath, ['server.mjs'], site, {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    WEB_CONCURRENCY: undefined,
    SITE_DIR: undefined,
  })
  await waitForUrl(`${origin}/`, 60_000).catch(async (error: Error) => {
    await server.stop()
    throw new Error(`${error.message}\n${server.readOutput()}`)
  })
  return server
}

/** Throws, with the server's last output, when the server is no longer running: its figures would be a dead port's. */
export function assertRunning(server: Server, during: string): void {
  const exit = server.readExit()
  if (exit !== undefined) throw new Error(`${server.name} ended (${exit}) ${during}; its output ended:\n${server.readOutput().slice(-2000)}`)
}

/** Runs nginx in the foreground on `configFile` (in `workDir`) until it answers on `port`. */
async function runNginx(name: string, port: number, workDir: string, configFile: string): Promise<Server> {
  const origin = `http://127.0.0.1:${port}`
  const server = spawnServer(name, origin, 'nginx', ['-p', workDir, '-c', configFile], workDir)
  await waitForUrl(`${origin}/`, 15_000).catch(async (error: Error) => {
    await server.stop()
    throw new Error(`${error.message}\n${server.readOutput()}`)
  })
  return server
}

/** The config bench/nginx.conf.template makes for `root` on `port`, with `workDir` for its pid and logs. */
export function renderBenchNginx(templateFile: string, root: string, port: number, workDir: string): string {
  return readFileSync(templateFile, 'utf8').replaceAll('{{PREFIX}}', workDir).replaceAll('{{ROOT}}', root).replaceAll('{{PORT}}', String(port))
}

/** nginx serving `root` with bench/nginx.conf.template; `workDir` receives its config, pid and logs. */
export async function startNginx(name: string, root: string, port: number, workDir: string, templateFile: string): Promise<Server> {
  mkdirSync(workDir, { recursive: true })
  const configFile = join(workDir, 'nginx.conf')
  writeFileSync(configFile, renderBenchNginx(templateFile, root, port, workDir))
  return runNginx(name, port, workDir, configFile)
}

/** Debian's ngx_brotli module (libnginx-mod-http-brotli-static), as scripts/serve-static.mjs looks for it. */
export const BROTLI_MODULE = '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so'

/**
 * nginx serving `root` with our own configuration: blog.conf rendered by `site`'s deploy/render-nginx.mjs
 * (from lib/http-rules.mjs) for this port, inside bench/nginx-deploy.conf.template, the bench's main config.
 */
export async function startDeployNginx(name: string, site: string, root: string, port: number, workDir: string, templateFile: string): Promise<Server> {
  mkdirSync(workDir, { recursive: true })
  const brotli = existsSync(BROTLI_MODULE)
  const renderer = (await import(pathToFileURL(join(site, 'deploy', 'render-nginx.mjs')).href)) as {
    renderNginx: (options: { root: string; listen: string; dest: string; brotli: boolean }) => string
  }
  renderer.renderNginx({ root, listen: `127.0.0.1:${port}`, dest: workDir, brotli })
  const config = readFileSync(templateFile, 'utf8')
    .replaceAll('{{LOAD_MODULES}}', brotli ? `load_module ${BROTLI_MODULE};` : '# no brotli_static module: nginx sends the .gz files')
    .replaceAll('{{PREFIX}}', workDir)
  const configFile = join(workDir, 'nginx.conf')
  writeFileSync(configFile, config)
  return runNginx(name, port, workDir, configFile)
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
    readExit: () => next.readExit() ?? contentlayer.readExit(),
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
