#!/usr/bin/env node
/**
 * Serves the static export (out/, or ROOT) with Debian's nginx, in the foreground, on 127.0.0.1:PORT, with
 * deploy/nginx.conf rendered into a temporary folder that also holds nginx's pid file and temp paths.
 * Playwright's webServer runs it after `npm run build`; SIGTERM or SIGINT stops nginx and removes the folder.
 * Brotli files are sent when nginx has the brotli_static module (Debian: libnginx-mod-http-brotli-static).
 *
 *   PORT=5051 node scripts/serve-static.mjs
 *   ROOT=/tmp/some-export PORT=5053 node scripts/serve-static.mjs
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { renderNginx } from '../deploy/render-nginx.mjs'

const port = Number(process.env.PORT ?? 5051)
const root = resolve(process.env.ROOT ?? 'out')
const NGINX = ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/local/bin/nginx'].find((path) => existsSync(path)) ?? 'nginx'
const MIME_TYPES = ['/etc/nginx/mime.types', '/usr/local/etc/nginx/mime.types'].find((path) => existsSync(path))
if (!MIME_TYPES) {
  throw new Error("nginx's mime.types was not found in /etc/nginx; install nginx (Debian: apt-get install -y nginx, as .ci/run does).")
}

const BROTLI_MODULE = '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so'
const brotli = existsSync(BROTLI_MODULE)

const folder = mkdtempSync(join(tmpdir(), 'blog-nginx-'))
renderNginx({ root, listen: `127.0.0.1:${port}`, dest: folder, brotli })

// Run as root (CI), nginx's workers would switch to "nobody", who cannot write this private folder.
const asRoot = process.getuid?.() === 0
writeFileSync(
  join(folder, 'nginx.conf'),
  `${asRoot ? 'user root;\n' : ''}${brotli ? `load_module ${BROTLI_MODULE};\n` : ''}worker_processes 1;
pid ${folder}/nginx.pid;
error_log stderr warn;
events { worker_connections 1024; }
http {
    include ${MIME_TYPES};
    default_type application/octet-stream;
    access_log off;
    log_not_found off;
    sendfile on;
    client_body_temp_path ${folder}/client_body;
    proxy_temp_path ${folder}/proxy;
    fastcgi_temp_path ${folder}/fastcgi;
    uwsgi_temp_path ${folder}/uwsgi;
    scgi_temp_path ${folder}/scgi;
    include ${folder}/blog.conf;
}
`,
)

const nginx = spawn(NGINX, ['-p', folder, '-c', join(folder, 'nginx.conf'), '-e', 'stderr', '-g', 'daemon off;'], { stdio: 'inherit' })
console.log(`nginx serving ${root} on http://127.0.0.1:${port} (configuration in ${folder})`)

const cleanUp = () => rmSync(folder, { recursive: true, force: true })
nginx.on('error', (/** @type {Error} */ error) => {
  cleanUp()
  console.error(`Could not start ${NGINX}: ${error.message}; install nginx (Debian: apt-get install -y nginx).`)
  process.exit(1)
})
nginx.on('exit', (code, signal) => {
  cleanUp()
  process.exit(code ?? (signal ? 0 : 1))
})
for (const signal of ['SIGTERM', 'SIGINT']) {
  // SIGQUIT is nginx's graceful stop: it finishes the requests in flight.
  process.on(signal, () => nginx.kill('SIGQUIT'))
}
