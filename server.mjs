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
 * Environment: PORT (default 3000), HOST (default: every interface), SHUTDOWN_TIMEOUT_MS (default 20000).
 * Compression is done here (Next's own is off in next.config.mjs) because the policy must be computed from
 * the uncompressed page.
 */
import { createServer, STATUS_CODES } from 'node:http'
import { fileURLToPath } from 'node:url'
import compression from 'compression'
import { buildPageCsp, getInlineScriptHashes, NON_HTML_CSP, SECURITY_HEADERS } from './lib/http-security.mjs'

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
const compress = compression()

/** The policy sent with each HTML body, by its ETag, so a 304 or HEAD for that page can carry the same one. */
const pagePolicies = new Map()
const MAX_REMEMBERED_POLICIES = 1000

function rememberPolicy(etag, policy) {
  if (typeof etag !== 'string') return
  pagePolicies.delete(etag)
  pagePolicies.set(etag, policy)
  if (pagePolicies.size > MAX_REMEMBERED_POLICIES) pagePolicies.delete(pagePolicies.keys().next().value)
}

/**
 * Holds back an HTML response until its body is complete, then sets the policy with that body's inline
 * script hashes. Other responses pass straight through with the non-HTML policy set at the start.
 * A response without a body (HEAD, 304) gets the policy remembered for its ETag, or none: a cache that
 * revalidates updates its stored headers from a 304, so a policy without the page's hashes must never be sent.
 */
function setPolicyFromBody(res) {
  const original = { write: res.write, end: res.end, flushHeaders: res.flushHeaders, writeHead: res.writeHead }
  /** @type {Buffer[] | null} */
  let held = null
  let ended = false
  const isHtml = () => /^text\/html\b/i.test(String(res.getHeader('Content-Type') ?? ''))
  const holds = () => {
    if (held === null && !ended && !res.headersSent && isHtml()) held = []
    return held !== null && !ended
  }
  const toBuffer = (chunk, encoding) => (Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8'))

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
  res.write = function write(chunk, encoding, callback) {
    if (!holds()) return original.write.call(this, chunk, encoding, callback)
    if (chunk != null && chunk.length > 0) held.push(toBuffer(chunk, encoding))
    const done = typeof encoding === 'function' ? encoding : callback
    if (done) process.nextTick(done)
    return true
  }
  res.end = function end(chunk, encoding, callback) {
    if (typeof chunk === 'function') [chunk, callback] = [undefined, chunk]
    if (typeof encoding === 'function') [encoding, callback] = [undefined, encoding]
    const html = holds()
    if (html && chunk != null && chunk.length > 0) held.push(toBuffer(chunk, encoding))
    const body = html ? Buffer.concat(held) : null
    ended = true
    if (!this.headersSent) {
      if (body && body.length > 0) {
        const policy = buildPageCsp(getInlineScriptHashes(body.toString('utf8')))
        this.setHeader('Content-Security-Policy', policy)
        rememberPolicy(this.getHeader('ETag'), policy)
      } else if (html || this.statusCode === 304) {
        const remembered = pagePolicies.get(String(this.getHeader('ETag') ?? ''))
        if (remembered) this.setHeader('Content-Security-Policy', remembered)
        else this.removeHeader('Content-Security-Policy')
      }
    }
    return html ? original.end.call(this, body, callback) : original.end.call(this, chunk, encoding, callback)
  }
}
function onRequest(request, response) {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value)
  response.setHeader('Content-Security-Policy', NON_HTML_CSP)
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
  compress(request, response, () => {})
  setPolicyFromBody(response)
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
server.keepAliveTimeout = 5_000

/** Node's own answers to requests it cannot parse (bad request line, headers too large), with our headers. */
server.on('clientError', (error, socket) => {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy()
    return
  }
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400
  const headers = { ...SECURITY_HEADERS, 'Content-Security-Policy': NON_HTML_CSP, 'Content-Length': '0', Connection: 'close' }
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('')
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
  const where = typeof address === 'object' && address ? `${address.address.includes(':') ? `[${address.address}]` : address.address}:${address.port}` : String(address)
  console.log(`Serving the production build on http://${where}`)
})
