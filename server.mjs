#!/usr/bin/env node
/**
 * `npm start`: the production server. It serves out/, the static export `npm run build` makes, and nothing
 * else: no request renders a page or reads a post. Files are sent by `send` (pillarjs: conditional
 * requests, ranges, HEAD) or, for the files read before, from memory (`fresh` decides 304s), headers come from lib/http-rules.mjs, the table nginx's configuration is rendered
 * from too, so both deployments answer alike (e2e/modes.spec.ts compares them).
 * - Precompressed: out/ holds a .br and .gz beside each compressible file (scripts/finish-build.mjs); the one
 *   the client prefers is sent as it is (Negotiator), nothing is compressed at request time.
 * - Strong validators, nginx's: ETag "<mtime hex>-<size hex>" of the file sent, and its Last-Modified.
 * - GET and HEAD only; dot segments resolved as nginx does; one that climbs above the site, an encoded slash,
 *   a NUL or an undecodable path is a 400.
 * - Every core: WEB_CONCURRENCY workers (default: one per core) behind Node's cluster; a worker that dies is
 *   replaced. SIGHUP makes every worker pick up the build out/ now points to (the finishing step swaps it
 *   with one rename); requests in flight finish on the build they started on.
 * - SIGTERM or SIGINT: stop accepting connections, finish the requests in flight, close idle keep-alive
 *   connections, give up on clients still reading after SHUTDOWN_TIMEOUT_MS, exit 0.
 *
 * Environment: PORT (default 3000), HOST (default: every interface), WEB_CONCURRENCY, SHUTDOWN_TIMEOUT_MS
 * (default 20000), KEEP_ALIVE_TIMEOUT_MS (default 65000), SITE_DIR (default out/ beside this file),
 * MEMORY_CACHE_MB (default 64: bodies kept in memory per worker; 0 sends every file from disk).
 */
import cluster from 'node:cluster'
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs'
import { createServer, STATUS_CODES } from 'node:http'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import fresh from 'fresh'
import Negotiator from 'negotiator'
import send from 'send'
import {
  getContentType,
  getFileHeaders,
  getStatusHeaders,
  NOT_FOUND_FILE,
  parseRedirects,
  PREFERS_HTML,
  REDIRECT_STATUS,
  SECURITY_HEADERS,
} from './lib/http-rules.mjs'
import { listFiles } from './lib/export-files.mjs'

/** @typedef {import('node:http').IncomingMessage} Request */
/** @typedef {import('node:http').ServerResponse} Response */
/** @typedef {{ abs: string; size: number; etag: string; lastModified: string }} Variant */
/** @typedef {Variant & { file: string; headers: Record<string, string>; encodings: Map<string, Variant> }} Entry */
/** @typedef {{ root: string; files: Map<string, Entry>; redirects: Map<string, string>; notFound: Entry | undefined }} Site */

const SITE_DIR = process.env.SITE_DIR?.trim() || fileURLToPath(new URL('out', import.meta.url))
const port = readWholeNumber('PORT', 3000)
const host = process.env.HOST?.trim() || undefined
const shutdownTimeoutMs = readWholeNumber('SHUTDOWN_TIMEOUT_MS', 20_000)
const workerCount = Math.max(1, readWholeNumber('WEB_CONCURRENCY', availableParallelism()))
/** nginx measures the request line against its large_client_header_buffers (8 KB): the same limit here. */
const MAX_TARGET_LENGTH = 8 * 1024
/** Encodings out/ may hold a file in, by the suffix the finishing step gives them; preferred first. */
const ENCODINGS = /** @type {const} */ ([
  ['br', '.br'],
  ['gzip', '.gz'],
])
/**
 * Bodies kept in memory, least recently used first out, up to MEMORY_CACHE_MB (default 64) per worker: a page
 * then costs no file system call at all, where `send` stats, opens and streams the file on every request.
 * Files over 1 MiB, and range requests, always go through `send`.
 */
const memoryBudget = readWholeNumber('MEMORY_CACHE_MB', 64) * 1024 * 1024
const MAX_CACHED_FILE = 1024 * 1024
/** @type {Map<string, Buffer>} */
const bodies = new Map()
let cachedBytes = 0

/**
 * The bytes of a variant, from memory when they were read before; undefined when it is not kept in memory.
 * @param {Variant} variant
 * @returns {Buffer | undefined}
 */
function readBody(variant) {
  if (variant.size > MAX_CACHED_FILE || memoryBudget === 0) return undefined
  let body = bodies.get(variant.abs)
  if (body) {
    bodies.delete(variant.abs) // re-inserted last: the Map's order is the recency order
  } else {
    body = readFileSync(variant.abs)
    cachedBytes += body.length
    for (const [abs, old] of bodies) {
      if (cachedBytes <= memoryBudget) break
      bodies.delete(abs)
      cachedBytes -= old.length
    }
  }
  bodies.set(variant.abs, body)
  return body
}

/** After a new build is loaded: the old build's bodies are not served again. */
function forgetBodies() {
  bodies.clear()
  cachedBytes = 0
}

/** Headers that describe a body, which a 304 does not carry (as `send` and nginx leave them out). */
const CONTENT_HEADERS = ['Content-Encoding', 'Content-Language', 'Content-Length', 'Content-Range', 'Content-Type']

/** Files of the export that are data for hosts, not pages: never served. */
const HIDDEN_FILES = new Set(['/_headers', '/_redirects', NOT_FOUND_FILE])

/**
 * @param {string} name
 * @param {number} fallback
 */
function readWholeNumber(name, fallback) {
  const raw = process.env[name]?.trim()
  if (!raw) return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} "${raw}" must be a whole number; unset it for ${fallback}.`)
  return value
}

/**
 * nginx's validators for a file, so both deployments send the same ones.
 * @param {string} abs
 * @returns {Variant}
 */
function readVariant(abs) {
  const stats = statSync(abs)
  return {
    abs,
    size: stats.size,
    etag: `"${Math.floor(stats.mtimeMs / 1000).toString(16)}-${stats.size.toString(16)}"`,
    lastModified: stats.mtime.toUTCString(),
  }
}

/**
 * The build out/ points to now, read once: every file with its headers and compressed variants, the redirects.
 * @returns {Site}
 */
export function loadSite(dir = SITE_DIR) {
  if (!existsSync(join(dir, 'index.html'))) throw new Error(`${dir}/index.html is missing: run npm run build first.`)
  const root = realpathSync(dir) // a later swap of out/ leaves this build where it is
  const names = new Set(listFiles(root).map((name) => `/${name}`))
  /** @type {Map<string, Entry>} */
  const files = new Map()
  for (const file of names) {
    if (ENCODINGS.some(([, suffix]) => file.endsWith(suffix) && names.has(file.slice(0, -suffix.length)))) continue
    const encodings = new Map()
    for (const [encoding, suffix] of ENCODINGS) if (names.has(file + suffix)) encodings.set(encoding, readVariant(root + file + suffix))
    files.set(file, { file, ...readVariant(root + file), headers: getFileHeaders(file), encodings })
  }
  const redirectsFile = join(root, '_redirects')
  const redirects = parseRedirects(existsSync(redirectsFile) ? readFileSync(redirectsFile, 'utf8') : '')
  return { root, files, redirects, notFound: files.get(NOT_FOUND_FILE) }
}

/**
 * The file a decoded path serves: "/tags/go/" is /tags/go/index.html.
 * @param {Site} site
 * @param {string} path
 */
function findEntry(site, path) {
  const file = path.endsWith('/') ? `${path}index.html` : path
  return HIDDEN_FILES.has(file) ? undefined : site.files.get(file)
}

/**
 * The path with its dot segments resolved, as nginx resolves them; undefined where nginx refuses it before it
 * looks for a file: a dot segment that climbs above the root, a NUL, an encoded slash or backslash.
 * @param {string} raw the path as sent
 * @param {string} decoded
 * @returns {string | undefined}
 */
function normalisePath(raw, decoded) {
  if (/%(2f|5c)/i.test(raw) || decoded.includes('\0') || !decoded.startsWith('/')) return undefined
  /** @type {string[]} */
  const segments = []
  const parts = decoded.split('/').slice(1)
  for (const [index, segment] of parts.entries()) {
    const last = index === parts.length - 1
    if (segment === '..') {
      if (segments.length === 0) return undefined
      segments.pop()
      if (last) segments.push('')
    } else if (segment === '.') {
      if (last) segments.push('')
    } else {
      segments.push(segment)
    }
  }
  return `/${segments.join('/')}`
}

/**
 * @param {Response} response
 * @param {Record<string, string>} headers
 */
function setHeaders(response, headers) {
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value)
}

/**
 * @param {Response} response
 * @param {number} status
 * @param {string} reason
 * @param {Record<string, string>} [headers]
 */
function sendPlain(response, status, reason, headers = {}) {
  setHeaders(response, { ...getStatusHeaders(status), 'Content-Type': 'text/plain; charset=utf-8', ...headers })
  response.statusCode = status
  response.end(`${STATUS_CODES[status]}: ${reason}\n`)
}

/**
 * Sends a file of the export (or the 404 page, with `status` 404) through `send`, in the encoding the client
 * prefers among those the build wrote.
 * @param {Request} request
 * @param {Response} response
 * @param {Entry} entry
 * @param {number} [status]
 */
function sendEntry(request, response, entry, status = 200) {
  const available = [...entry.encodings.keys()]
  const encoding = available.length > 0 ? new Negotiator(request).encoding([...available, 'identity']) : undefined
  const variant = (encoding && entry.encodings.get(encoding)) || entry
  setHeaders(response, entry.headers)
  response.setHeader('Content-Type', getContentType(entry.file, { prefersHtml: PREFERS_HTML.test(request.headers.accept ?? '') }))
  if (variant !== entry) response.setHeader('Content-Encoding', /** @type {string} */ (encoding))
  // nginx sends an error page with its ETag but no Last-Modified: the same here.
  response.setHeader('ETag', variant.etag)
  if (status === 200) {
    response.setHeader('Last-Modified', variant.lastModified)
  } else {
    response.setHeader('Cache-Control', getStatusHeaders(status)['Cache-Control'] ?? 'no-store')
    response.statusCode = status
  }
  // An origin server evaluates If-None-Match and If-Modified-Since whatever the request's Cache-Control says
  // (RFC 9110, section 13.2); `fresh` would treat "no-cache" (which fetch() adds to every conditional request)
  // as a reload, as a cache does. nginx does not, and neither do we.
  delete request.headers['cache-control']
  const body = request.headers.range === undefined ? readBody(variant) : undefined
  if (body) {
    response.setHeader('Accept-Ranges', 'bytes')
    if (status === 200 && fresh(request.headers, { etag: variant.etag, 'last-modified': variant.lastModified })) {
      for (const name of CONTENT_HEADERS) response.removeHeader(name)
      response.statusCode = 304
      response.end()
      return
    }
    response.setHeader('Content-Length', body.length)
    response.end(request.method === 'HEAD' ? undefined : body)
    return
  }
  send(request, variant.abs, { etag: false, lastModified: false, cacheControl: false, dotfiles: 'allow', index: false })
    .on('error', (/** @type {Error & { status?: number }} */ error) => {
      // The file went away under us (a build pruned it): never a 500 for a reader; the next request sees the new build.
      console.error(`${request.method} ${request.url}: sending ${variant.abs} failed: ${error.message}`)
      if (!response.headersSent) sendPlain(response, 503, 'the site is being replaced; try again.', { 'Retry-After': '1' })
      else response.destroy(error)
    })
    .pipe(response)
}

/**
 * @param {() => Site} getSite
 * @param {() => boolean} isShuttingDown
 */
function createRequestHandler(getSite, isShuttingDown) {
  return (/** @type {Request} */ request, /** @type {Response} */ response) => {
    setHeaders(response, SECURITY_HEADERS)
    if (isShuttingDown()) response.setHeader('Connection', 'close')
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      // Nothing here accepts a body: answer at once and drop the connection rather than read an upload.
      sendPlain(response, 405, 'this site only serves GET and HEAD.', { Allow: 'GET, HEAD', Connection: 'close' })
      return
    }
    const target = request.url ?? '/'
    if (target.length > MAX_TARGET_LENGTH) {
      sendPlain(response, 414, 'the address is longer than 8 KB.')
      return
    }
    const [rawPath = '/', query] = target.split(/\?(.*)/s)
    let path
    try {
      path = decodeURIComponent(rawPath)
    } catch {
      sendPlain(response, 400, 'the path is not valid percent-encoded UTF-8.')
      return
    }
    const normalised = normalisePath(rawPath, path)
    if (normalised === undefined) {
      sendPlain(response, 400, 'the path climbs above the site, or has an encoded slash or a NUL.')
      return
    }
    path = normalised
    const site = getSite()
    const redirect = site.redirects.get(path)
    if (redirect) {
      sendRedirect(response, redirect)
      return
    }
    const entry = findEntry(site, path)
    if (entry) {
      sendEntry(request, response, entry)
      return
    }
    if (!path.endsWith('/') && findEntry(site, `${path}/`)) {
      // A folder asked for without its slash: nginx's answer, with the query kept.
      sendRedirect(response, `${encodeURI(path)}/${query === undefined ? '' : `?${query}`}`)
      return
    }
    if (site.notFound) sendEntry(request, response, site.notFound, 404)
    else sendPlain(response, 404, 'there is nothing at this address.')
  }
}

/**
 * A permanent redirect with the table's headers for it, as nginx sends one.
 * @param {import('node:http').ServerResponse} response
 * @param {string} location
 */
function sendRedirect(response, location) {
  setHeaders(response, { ...getStatusHeaders(REDIRECT_STATUS), Location: location })
  response.statusCode = REDIRECT_STATUS
  response.end()
}

/** One worker: an HTTP server over the current build. */
function runWorker() {
  let site = loadSite()
  let shuttingDown = false
  const server = createServer(
    createRequestHandler(
      () => site,
      () => shuttingDown,
    ),
  )
  // A request must arrive whole within these, so a client that trickles its headers cannot hold a socket open.
  server.headersTimeout = 20_000
  server.requestTimeout = 30_000
  // Idle keep-alive connections stay open longer than a load balancer's or CDN's (60 s at most, usually), so
  // that the proxy, not this server, closes them.
  server.keepAliveTimeout = readWholeNumber('KEEP_ALIVE_TIMEOUT_MS', 65_000)

  /** Node's own answers to requests it cannot parse (bad request line, headers too large), with our headers. */
  server.on('clientError', (/** @type {NodeJS.ErrnoException} */ error, socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy()
      return
    }
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400
    const headers = { ...getStatusHeaders(status), 'Content-Length': '0', Connection: 'close' }
    const head = Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('')
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${head}\r\n`)
  })

  const reload = () => {
    try {
      site = loadSite()
      forgetBodies()
      console.log(`Worker ${process.pid}: serving ${site.root}`)
    } catch (error) {
      console.error(`Worker ${process.pid}: kept the previous build; the new one cannot be read: ${error instanceof Error ? error.message : error}`)
    }
  }

  const shutDown = () => {
    if (shuttingDown) return
    shuttingDown = true
    const sweep = setInterval(() => server.closeIdleConnections(), 100)
    const deadline = setTimeout(() => {
      console.error(`Shutdown: clients still connected after ${shutdownTimeoutMs} ms; closing their connections.`)
      server.closeAllConnections()
    }, shutdownTimeoutMs)
    server.close(() => {
      clearInterval(sweep)
      clearTimeout(deadline)
      process.exit(0)
    })
    process.send?.({ type: 'closed' })
  }

  process.on('message', (/** @type {{ type?: string }} */ message) => {
    if (message?.type === 'reload') reload()
    if (message?.type === 'shutdown') shutDown()
  })
  // The primary coordinates: a signal sent to the whole process group must not stop a worker on its own.
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, () => {})
  server.listen(port, host)
}

/** The primary: forks the workers, replaces one that dies, relays SIGHUP, and coordinates shutdown. */
function runPrimary() {
  const site = loadSite() // fails at once, with the fix, when there is no build
  /** @type {string | undefined} */
  let shuttingDown
  let announced = false
  const closed = new Set()

  const fork = () => {
    const worker = cluster.fork()
    worker.on('listening', (/** @type {{ address: string | null; port: number }} */ address) => {
      // A worker forked just before a shutdown signal was still loading when the others were told to stop,
      // and missed the message: it is told now, or it would serve on and the primary wait for it forever.
      if (shuttingDown) worker.send({ type: 'shutdown' })
      if (announced) return
      announced = true
      const where = `${address.address?.includes(':') ? `[${address.address}]` : (address.address ?? host ?? '0.0.0.0')}:${address.port}`
      console.log(`Serving the production build (${site.root}) on http://${where} with ${workerCount} worker${workerCount === 1 ? '' : 's'}`)
    })
  }
  for (let index = 0; index < workerCount; index++) fork()

  cluster.on('message', (worker, /** @type {{ type?: string }} */ message) => {
    if (message?.type !== 'closed') return
    closed.add(worker.id)
    if (closed.size === Object.keys(cluster.workers ?? {}).length) {
      console.log(`${shuttingDown}: closing; finishing the requests in flight (at most ${shutdownTimeoutMs} ms)`)
    }
  })
  cluster.on('exit', (worker, code, signal) => {
    if (shuttingDown) {
      if (Object.keys(cluster.workers ?? {}).length === 0) {
        console.log('Shutdown complete.')
        process.exit(0)
      }
      return
    }
    console.error(`Worker ${worker.process.pid} ended (${signal ?? `exit ${code}`}); starting another.`)
    fork()
  })

  process.on('SIGHUP', () => {
    console.log('SIGHUP: every worker picks up the build out/ points to now.')
    for (const worker of Object.values(cluster.workers ?? {})) worker?.send({ type: 'reload' })
  })
  const shutDown = (/** @type {string} */ signal) => {
    if (shuttingDown) return
    shuttingDown = signal
    for (const worker of Object.values(cluster.workers ?? {})) worker?.send({ type: 'shutdown' })
  }
  process.on('SIGTERM', shutDown)
  process.on('SIGINT', shutDown)
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    if (cluster.isPrimary) runPrimary()
    else runWorker()
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error))
    process.exit(1)
  }
}
