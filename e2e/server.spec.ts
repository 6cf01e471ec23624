import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { connect, type Socket } from 'node:net'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { NODE_ONLY, NODE_PORT } from './servers'

/** A connection that asks for a path, then reads its answer only when told to. */
function openSlowReader(port: number, path: string): Promise<{ socket: Socket; received: () => Buffer; readAll: () => Promise<Buffer> }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAccept-Encoding: identity\r\nConnection: close\r\n\r\n`)
      socket.pause()
      resolve({
        socket,
        received: () => Buffer.concat(chunks),
        readAll: () =>
          new Promise((done, fail) => {
            socket.on('data', (chunk: Buffer) => chunks.push(chunk))
            socket.on('end', () => done(Buffer.concat(chunks)))
            socket.on('error', fail)
            socket.resume()
          }),
      })
    })
    const chunks: Buffer[] = []
    socket.on('error', reject)
  })
}

/** Reads one byte at a time from a paused socket, for `ms` milliseconds. */
async function trickle(socket: Socket, chunks: Buffer[], ms: number) {
  const until = Date.now() + ms
  while (Date.now() < until) {
    const byte = socket.read(1) as Buffer | null
    if (byte) chunks.push(byte)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/** The body of a raw HTTP/1.1 response (Content-Length or chunked), checked complete. */
function readBody(raw: Buffer): Buffer {
  const end = raw.indexOf('\r\n\r\n')
  const head = raw.subarray(0, end).toString('latin1')
  let body = raw.subarray(end + 4)
  if (/transfer-encoding: chunked/i.test(head)) {
    const parts: Buffer[] = []
    for (let offset = 0; ;) {
      const lineEnd = body.indexOf('\r\n', offset)
      const size = parseInt(body.subarray(offset, lineEnd).toString('latin1'), 16)
      expect(Number.isNaN(size), 'a well-formed chunk').toBe(false)
      if (size === 0) break
      parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size))
      offset = lineEnd + 2 + size + 2
      expect(offset, 'the last chunk arrived').toBeLessThanOrEqual(body.length)
    }
    body = Buffer.concat(parts)
  } else {
    expect(body.length, 'the whole body arrived').toBe(Number(/content-length: (\d+)/i.exec(head)?.[1]))
  }
  return body
}

test('a client reading a feed byte by byte does not hold up anyone else', async ({ baseURL, request }) => {
  const { port } = new URL(baseURL!)
  const reader = await openSlowReader(Number(port), '/feed.json')
  const trickled: Buffer[] = []
  const slow = trickle(reader.socket, trickled, 3_000)
  const started = Date.now()
  for (let round = 0; round < 5; round += 1) {
    const responses = await Promise.all(['/', '/tags/go/', '/feed.json', '/index.xml', '/posts/'].map((path) => request.get(path)))
    for (const response of responses) expect(response.status()).toBe(200)
  }
  expect(Date.now() - started, '25 requests while the slow reader holds its connection').toBeLessThan(5_000)
  await slow
  expect(Buffer.concat(trickled).length).toBeGreaterThan(20)
  const rest = await reader.readAll()
  const body = readBody(Buffer.concat([...trickled, rest]))
  expect(JSON.parse(body.toString('utf8')).items.length).toBe(13)
})

test('SIGTERM: in-flight responses finish, new connections are refused, the process exits 0', { tag: NODE_ONLY }, async () => {
  test.setTimeout(60_000)
  // A second server of our own on the same build: the shared one must keep serving the other tests.
  const port = NODE_PORT + 2
  const server = spawn(process.execPath, [join(__dirname, '..', 'server.mjs')], {
    cwd: join(__dirname, '..'),
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', SHUTDOWN_TIMEOUT_MS: '15000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  server.stdout.on('data', (chunk) => (output += chunk))
  server.stderr.on('data', (chunk) => (output += chunk))
  const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)))
  try {
    await expect.poll(() => output, { timeout: 30_000 }).toContain('Serving the production build')

    // In flight: the request is answered, but the client has not read the 200 KB feed yet.
    const reader = await openSlowReader(port, '/feed.json')
    await expect
      .poll(
        () => {
          reader.socket.read(0) // fills the socket's buffer without consuming it
          return reader.socket.readableLength
        },
        { timeout: 5_000 },
      )
      .toBeGreaterThan(0)

    server.kill('SIGTERM')
    await expect.poll(() => output).toContain('SIGTERM: closing')
    const refused = await new Promise<string>((resolve) => {
      const probe = connect(port, '127.0.0.1', () => {
        probe.destroy()
        resolve('connected')
      })
      probe.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'))
    })
    expect(refused).toBe('ECONNREFUSED')

    const body = readBody(await reader.readAll())
    expect(JSON.parse(body.toString('utf8')).items.length).toBe(13)
    expect(await exited).toBe(0)
    expect(output).toContain('Shutdown complete.')
  } finally {
    server.kill('SIGKILL')
  }
})

/** Starts server.mjs on its own port over `siteDir`; resolves once it listens. */
async function startServer(port: number, env: Record<string, string> = {}) {
  const server = spawn(process.execPath, [join(__dirname, '..', 'server.mjs')], {
    cwd: join(__dirname, '..'),
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const log = { text: '' }
  server.stdout.on('data', (chunk) => (log.text += chunk))
  server.stderr.on('data', (chunk) => (log.text += chunk))
  await expect.poll(() => log.text, { timeout: 30_000 }).toContain('Serving the production build')
  return { server, log }
}

test('SIGHUP: the server picks up a new build swapped in under out/, failing no request meanwhile', { tag: NODE_ONLY }, async () => {
  test.setTimeout(60_000)
  const { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } = await import('node:fs')
  const { tmpdir } = await import('node:os')
  const { swapLink } = (await import(join(__dirname, '..', 'scripts', 'finish-build.mjs'))) as { swapLink: (out: string, target: string) => string | undefined }
  const scratch = mkdtempSync(join(tmpdir(), 'blog-sighup-'))
  const [first, second, out] = ['first', 'second', 'out'].map((name) => join(scratch, name)) as [string, string, string]
  cpSync(realpathSync(join(__dirname, '..', 'out')), first, { recursive: true })
  cpSync(first, second, { recursive: true })
  const robots = (dir: string, text: string) => {
    writeFileSync(join(dir, 'robots.txt'), text)
    rmSync(join(dir, 'robots.txt.gz'), { force: true })
    rmSync(join(dir, 'robots.txt.br'), { force: true })
  }
  robots(first, 'User-agent: *\n# first build\n')
  robots(second, 'User-agent: *\n# second build\n')
  swapLink(out, first)
  const port = NODE_PORT + 4
  const { server, log } = await startServer(port, { SITE_DIR: out, WEB_CONCURRENCY: '2' })
  const base = `http://127.0.0.1:${port}`
  try {
    expect(await (await fetch(`${base}/robots.txt`)).text()).toContain('first build')
    let stop = false
    const statuses: number[] = []
    const load = (async () => {
      while (!stop) statuses.push(...(await Promise.all(['/', '/tags/go/', '/feed.json'].map(async (path) => (await fetch(base + path)).status))))
    })()
    await new Promise((resolve) => setTimeout(resolve, 500))
    swapLink(out, second)
    server.kill('SIGHUP')
    await expect.poll(async () => (await fetch(`${base}/robots.txt`)).text(), { timeout: 10_000 }).toContain('second build')
    await new Promise((resolve) => setTimeout(resolve, 500))
    stop = true
    await load
    expect(statuses.length).toBeGreaterThan(10)
    expect(statuses.filter((status) => status !== 200)).toEqual([])
    expect(log.text).toContain('SIGHUP')
    expect(readFileSync(join(first, 'robots.txt'), 'utf8')).toContain('first build')
  } finally {
    server.kill('SIGTERM')
    await new Promise((resolve) => server.on('exit', resolve))
    rmSync(scratch, { recursive: true, force: true })
  }
})

/** The server's worker processes (its primary's children), by pid. */
function listWorkers(server: ChildProcess): string[] {
  try {
    return execFileSync('pgrep', ['-P', String(server.pid)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
  } catch {
    return [] // pgrep exits 1 when there are none
  }
}

test('a worker that dies is replaced, and the others keep serving', { tag: NODE_ONLY }, async () => {
  test.setTimeout(60_000)
  const port = NODE_PORT + 5
  const { server, log } = await startServer(port, { WEB_CONCURRENCY: '2' })
  const workers = () => listWorkers(server)
  try {
    await expect.poll(() => workers().length).toBe(2)
    const [victim] = workers()
    process.kill(Number(victim), 'SIGKILL')
    await expect.poll(() => log.text).toContain(`Worker ${victim} ended`)
    await expect.poll(() => workers().length).toBe(2)
    expect(workers()).not.toContain(victim)
    for (let round = 0; round < 10; round++) expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200)
  } finally {
    server.kill('SIGTERM')
    await new Promise((resolve) => server.on('exit', resolve))
  }
})

test('a shutdown while a replacement worker is still starting stops that worker too', { tag: NODE_ONLY }, async () => {
  test.setTimeout(60_000)
  const port = NODE_PORT + 6
  const { server, log } = await startServer(port, { WEB_CONCURRENCY: '2' })
  const exited = new Promise((resolve) => server.on('exit', resolve))
  let workers: string[] = []
  try {
    await expect.poll(() => listWorkers(server).length).toBe(2)
    const [victim] = listWorkers(server)
    process.kill(Number(victim), 'SIGKILL')
    // The signal lands while the primary's replacement for the victim is still loading, before it listens.
    await expect.poll(() => log.text, { intervals: [10] }).toContain(`Worker ${victim} ended`)
    workers = listWorkers(server)
    server.kill('SIGTERM')
    await expect.poll(() => log.text, { timeout: 15_000 }).toContain('Shutdown complete.')
    await exited
    expect(workers.filter((pid) => isRunning(Number(pid)))).toEqual([])
  } finally {
    for (const pid of [server.pid, ...workers.map(Number)]) if (pid && isRunning(pid)) process.kill(pid, 'SIGKILL')
  }
})

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}
