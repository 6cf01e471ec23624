#!/usr/bin/env node
/**
 * `npm start`: the production server. It runs Next's own request handler (the one `next start` runs, on the
 * build in .next/) inside an HTTP server of ours, for what `next start` cannot do:
 * - send each HTML page with a Content-Security-Policy that allows exactly the inline scripts of the bytes
 *   being sent (why hashes, not nonces: lib/http-security.mjs), and the other security headers on every
 *   response, including the ones Node itself writes for malformed requests;
 * - answer only GET and HEAD: the site has no forms or server actions, so any other method is a 405 before
 *   Next does any work;
 * - shut down gracefully on SIGTERM or SIGINT and exit 0: stop accepting connections, finish the requests in
 *   flight, close idle keep-alive connections, and give up on clients still reading after SHUTDOWN_TIMEOUT_MS.
 *   (`next start` drains too, but then exits 143, which process managers report as a failure.)
 *
 * Environment: PORT (default 3000), HOST (default: every interface), SHUTDOWN_TIMEOUT_MS (default 20000),
 * KEEP_ALIVE_TIMEOUT_MS (default 65000).
 * Compression is done here too (Next's own is off in next.config.mjs): the policy must be computed from the
 * uncompressed page, and as every body is prerendered, each is compressed once and kept (holdBody).
 */
import { createHash } from 'node:crypto'
import { createServer, STATUS_CODES } from 'node:http'
import { fileURLToPath } from 'node:url'
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib'
import { buildPageCspFor, getNonHtmlCsp, NON_HTML_CSP, SECURITY_HEADERS } from './lib/http-security.mjs'

process.env.NODE_ENV = 'production'
const { default: next } = await import('next')

const port = readWholeNumber('PORT', 3000)
const host = process.env.HOST?.trim() || undefined
const shutdownTimeoutMs = readWholeNumber('SHUTDOWN_TIMEOUT_MS', 20_000)

function readWholeNumber(name, fallback) {
  const raw = process.env[name]?.trim()
  if (!raw) return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} "${raw}" must be a whole number; unset it for ${fallback}.`)
  return value
}

const app = next({ dev: false, dir: fileURLToPath(new URL('.', import.meta.url)), hostname: host ?? 'localhost', port })
await app.prepare()
const handle = app.getRequestHandler()

/** The policy sent with each HTML body, by its ETag, so a 304 or HEAD for that page can carry the same one. */
const pagePolicies = new Map()
const MAX_REMEMBERED_POLICIES = 1000

/**
 * A response with no body to hash (HEAD, 304) gets the policy remembered for its ETag, or none: a cache that
 * revalidates updates its stored headers from a 304, so a policy without the page's hashes must never be sent.
 */
function setRememberedPolicy(response) {
  const remembered = pagePolicies.get(String(response.getHeader('ETag') ?? ''))
  if (remembered) response.setHeader('Content-Security-Policy', remembered)
  else response.removeHeader('Content-Security-Policy')
}

function rememberPolicy(etag, policy) {
  if (typeof etag !== 'string') return
  pagePolicies.delete(etag)
  pagePolicies.set(etag, policy)
  if (pagePolicies.size > MAX_REMEMBERED_POLICIES) pagePolicies.delete(pagePolicies.keys().next().value)
}

/** Compressed bodies by encoding and content hash: every page, feed and asset is immutable per build. */
const compressedBodies = new Map()
let compressedBytes = 0
const MAX_COMPRESSED_BYTES = 64 * 1024 * 1024
const COMPRESSIBLE = /^(text\/|application\/(javascript|json|xml|[\w.+-]+\+(xml|json))|image\/svg\+xml)/i
const MIN_COMPRESSED_LENGTH = 1024

/** "br" or "gzip" when the client accepts it (brotli first), else undefined. */
function chooseEncoding(acceptEncoding) {
  const accepted = new Map()
  for (const part of String(acceptEncoding ?? '').split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';')
    const q = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1]).find(Boolean)
    if (name) accepted.set(name.trim(), q === undefined ? 1 : Number(q))
  }
  const accepts = (name) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0
  return accepts('br') ? 'br' : accepts('gzip') ? 'gzip' : undefined
}

/** The body compressed with this encoding, computed once per distinct body and kept up to 64 MiB in all. */
function compressBody(body, encoding) {
  const key = `${encoding} ${createHash('sha256').update(body).digest('base64')}`
  let compressed = compressedBodies.get(key)
  if (compressed === undefined) {
    compressed =
      encoding === 'br'
        ? brotliCompressSync(body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.length } })
        : gzipSync(body, { level: 6 })
    compressedBodies.set(key, compressed)
    compressedBytes += compressed.length
    for (const [oldKey, old] of compressedBodies) {
      if (compressedBytes <= MAX_COMPRESSED_BYTES) break
      compressedBodies.delete(oldKey)
      compressedBytes -= old.length
    }
  } else {
    compressedBodies.delete(key) // least recently used goes first
    compressedBodies.set(key, compressed)
  }
  return compressed
}

/**
 * Holds back a response's body until it is complete, when it is HTML (the policy lists the hashes of that
 * body's inline scripts) or worth compressing; then sends it whole, compressed if the client accepts it.
 * Everything the site serves is prerendered, so the same bodies come back again and again: each is
 * compressed once (compressBody), not once per request. Other responses pass straight through, with the
 * non-HTML policy set at the start; a response without a body gets setRememberedPolicy.
 */
function holdBody(req, res) {
  const original = { write: res.write, end: res.end, flushHeaders: res.flushHeaders, writeHead: res.writeHead }
  const encoding = req.method === 'GET' ? chooseEncoding(req.headers['accept-encoding']) : undefined
  /** @type {Buffer[] | null} */
  let held = null
  let ended = false
  const contentType = () => String(res.getHeader('Content-Type') ?? '')
  const isHtml = () => /^text\/html\b/i.test(contentType())
  const holds = () => {
    if (held === null && !ended && !res.headersSent && (isHtml() || COMPRESSIBLE.test(contentType()))) held = []
    return held !== null && !ended
  }
  const toBuffer = (chunk, chunkEncoding) => (Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, typeof chunkEncoding === 'string' ? chunkEncoding : 'utf8'))

  res.flushHeaders = function flushHeaders() {
    if (!holds()) original.flushHeaders.call(this)
  }
  res.writeHead = function writeHead(status, ...rest) {
    const headers = rest.find((arg) => typeof arg === 'object' && arg !== null && !Array.isArray(arg))
    if (headers) for (const [name, value] of Object.entries(headers)) if (value !== undefined) this.setHeader(name, value)
    this.statusCode = status
    if (typeof rest[0] === 'string') this.statusMessage = rest[0]
    if (holds()) return this
    return original.writeHead.call(this, status)
  }
  res.write = function write(chunk, chunkEncoding, callback) {
    if (!holds()) return original.write.call(this, chunk, chunkEncoding, callback)
    if (chunk != null && chunk.length > 0) held.push(toBuffer(chunk, chunkEncoding))
    const done = typeof chunkEncoding === 'function' ? chunkEncoding : callback
    if (done) process.nextTick(done)
    return true
  }
  res.end = function end(chunk, chunkEncoding, callback) {
    if (typeof chunk === 'function') [chunk, callback] = [undefined, chunk]
    if (typeof chunkEncoding === 'function') [chunkEncoding, callback] = [undefined, chunkEncoding]
    const holding = holds()
    ended = true
    if (!holding) {
      if (!this.headersSent && this.statusCode === 304) setRememberedPolicy(this)
      return original.end.call(this, chunk, chunkEncoding, callback)
    }
    if (chunk != null && chunk.length > 0) held.push(toBuffer(chunk, chunkEncoding))
    let body = Buffer.concat(held)
    if (isHtml()) {
      if (body.length > 0) {
        // Next's ETag is a hash of the body, so a page sent before under this ETag has the same scripts: reuse
        // its policy rather than hash them again (a tenth of the CPU time of serving a post page).
        const etag = this.getHeader('ETag')
        const policy = (typeof etag === 'string' && pagePolicies.get(etag)) || buildPageCspFor(body.toString('utf8'))
        this.setHeader('Content-Security-Policy', policy)
        rememberPolicy(etag, policy)
      } else {
        setRememberedPolicy(this)
      }
    }
    if (req.method !== 'HEAD' && this.statusCode !== 304 && this.statusCode !== 204) {
      const vary = String(this.getHeader('Vary') ?? '')
      if (!/\baccept-encoding\b/i.test(vary)) this.setHeader('Vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding')
      const compressible =
        body.length >= MIN_COMPRESSED_LENGTH && !this.hasHeader('Content-Encoding') && !/no-transform/i.test(String(this.getHeader('Cache-Control') ?? ''))
      if (encoding && compressible && (this.statusCode === 200 || this.statusCode === 404)) {
        body = compressBody(body, encoding)
        this.setHeader('Content-Encoding', encoding)
      }
      this.setHeader('Content-Length', body.length)
    }
    return original.end.call(this, body, callback)
  }
}

function onRequest(request, response) {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value)
  response.setHeader('Content-Security-Policy', getNonHtmlCsp(request.url?.split('?')[0] ?? '/'))
  if (shuttingDown) response.setHeader('Connection', 'close')
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    // Nothing here accepts a body: answer at once and drop the connection rather than read an upload.
    sendPlain(response, 405, 'this site only serves GET and HEAD.', { Allow: 'GET, HEAD', Connection: 'close' })
    return
  }
  if (!isDecodable(request.url ?? '/')) {
    // Next answers a path with malformed percent-encoding (/tags/%ff/) with a 500 from decodeURIComponent.
    sendPlain(response, 400, 'the path is not valid percent-encoded UTF-8.')
    return
  }
  holdBody(request, response)
  handle(request, response).catch((error) => {
    console.error(`${request.method} ${request.url}: the request handler failed:`, error)
    if (!response.headersSent) {
      response.statusCode = 500
      response.end()
    } else {
      response.destroy(error)
    }
  })
}

/** Whether a request target's path decodes as UTF-8 (the query is Next's to parse). */
function isDecodable(target) {
  try {
    decodeURIComponent(target.split('?', 1)[0] ?? '')
    return true
  } catch {
    return false
  }
}

function sendPlain(response, status, reason, headers = {}) {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers })
  response.end(`${STATUS_CODES[status]}: ${reason}\n`)
}

const server = createServer(onRequest)
// A request must arrive whole within these, so a client that trickles its headers cannot hold a socket open.
server.headersTimeout = 20_000
server.requestTimeout = 30_000
// Idle keep-alive connections stay open longer than a load balancer's or CDN's (60 s at most, usually), so
// that the proxy, not this server, closes them: otherwise it can send a request on a connection this server
// is closing at that moment, and the client sees a reset.
server.keepAliveTimeout = readWholeNumber('KEEP_ALIVE_TIMEOUT_MS', 65_000)

/** Node's own answers to requests it cannot parse (bad request line, headers too large), with our headers. */
server.on('clientError', (error, socket) => {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy()
    return
  }
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400
  const headers = { ...SECURITY_HEADERS, 'Content-Security-Policy': NON_HTML_CSP, 'Content-Length': '0', Connection: 'close' }
  const head = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('')
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${head}\r\n`)
})

let shuttingDown = false

function shutDown(signal) {
  if (shuttingDown) return
  shuttingDown = true
  console.log(`${signal}: closing; finishing the requests in flight (at most ${shutdownTimeoutMs} ms)`)
  const sweep = setInterval(() => server.closeIdleConnections(), 100)
  const deadline = setTimeout(() => {
    console.error(`Shutdown: clients still connected after ${shutdownTimeoutMs} ms; closing their connections.`)
    server.closeAllConnections()
  }, shutdownTimeoutMs)
  server.close(async (error) => {
    clearInterval(sweep)
    clearTimeout(deadline)
    if (error) console.error('Shutdown: closing the server failed:', error)
    await app.close().catch((closeError) => console.error('Shutdown: closing Next failed:', closeError))
    console.log('Shutdown complete.')
    process.exit(0)
  })
}
process.on('SIGTERM', () => shutDown('SIGTERM'))
process.on('SIGINT', () => shutDown('SIGINT'))

server.listen(port, host, () => {
  const address = server.address()
  const where =
    typeof address === 'object' && address ? `${address.address.includes(':') ? `[${address.address}]` : address.address}:${address.port}` : String(address)
  console.log(`Serving the production build on http://${where}`)
})
