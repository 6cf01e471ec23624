/**
 * HTTP/1.1 over a bare socket, for requests no HTTP client will send as written: "..", malformed
 * percent-encoding, oversized request lines, unknown methods. Reads until the server closes.
 */
import { connect } from 'node:net'

export type RawResponse = { status: number; headers: Record<string, string>; body: Buffer }

export function sendRaw(
  baseURL: string,
  { method = 'GET', target, headers = {}, body = '' }: { method?: string; target: string; headers?: Record<string, string>; body?: string },
): Promise<RawResponse> {
  const { hostname, port } = new URL(baseURL)
  const head = { Host: `${hostname}:${port}`, Connection: 'close', ...headers, ...(body ? { 'Content-Length': String(Buffer.byteLength(body)) } : {}) }
  const request = `${method} ${target} HTTP/1.1\r\n${Object.entries(head)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('')}\r\n${body}`
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname)
    const chunks: Buffer[] = []
    socket.setTimeout(10_000, () => socket.destroy(new Error(`${method} ${target.slice(0, 80)}: no answer within 10 s`)))
    socket.on('data', (chunk) => chunks.push(chunk))
    socket.on('error', reject)
    socket.on('close', () => {
      const raw = Buffer.concat(chunks)
      const end = raw.indexOf('\r\n\r\n')
      const [statusLine = '', ...lines] = raw
        .subarray(0, end === -1 ? raw.length : end)
        .toString('latin1')
        .split('\r\n')
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1])
      if (!status) {
        reject(new Error(`${method} ${target.slice(0, 80)}: no HTTP status line in ${JSON.stringify(raw.subarray(0, 80).toString('latin1'))}`))
        return
      }
      const headers: Record<string, string> = {}
      for (const line of lines) {
        const colon = line.indexOf(':')
        const name = line.slice(0, colon).trim().toLowerCase()
        headers[name] = headers[name] === undefined ? line.slice(colon + 1).trim() : `${headers[name]}, ${line.slice(colon + 1).trim()}`
      }
      resolve({ status, headers, body: end === -1 ? Buffer.alloc(0) : raw.subarray(end + 4) })
    })
    socket.write(request)
  })
}
