import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { STATIC_PORT } from './servers'

/**
 * The alias hook of deploy/nginx.conf: an exported page whose only job is a meta refresh (what an `aliases`
 * front-matter field will produce) becomes a real 301 in nginx. The blog has no aliases yet, so this starts
 * its own nginx on a small fake export.
 */
test('nginx turns an exported alias page into a 301 to its target', async ({}, testInfo) => {
  test.skip(testInfo.project.name !== 'static', 'starts its own nginx: once is enough')
  const root = mkdtempSync(join(tmpdir(), 'blog-alias-export-'))
  const port = STATIC_PORT + 3
  mkdirSync(join(root, 'old', 'path'), { recursive: true })
  mkdirSync(join(root, '2025', '04', 'new-post'), { recursive: true })
  writeFileSync(join(root, 'index.html'), '<!DOCTYPE html><html><body><h1>Home</h1><script>self.x=1</script></body></html>')
  writeFileSync(join(root, '404.html'), '<!DOCTYPE html><html><body><h1>Page not found</h1></body></html>')
  writeFileSync(join(root, '2025', '04', 'new-post', 'index.html'), '<!DOCTYPE html><html><body><article>The post</article></body></html>')
  writeFileSync(
    join(root, 'old', 'path', 'index.html'),
    '<!DOCTYPE html><html><head><title>/2025/04/new-post/</title><link rel="canonical" href="/2025/04/new-post/"/>' +
      '<meta http-equiv="refresh" content="0; url=/2025/04/new-post/"/></head></html>',
  )
  const nginx = spawn(process.execPath, [join(__dirname, '..', 'scripts', 'serve-static.mjs')], {
    env: { ...process.env, ROOT: root, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const exited = new Promise((resolve) => nginx.on('exit', resolve))
  try {
    const base = `http://127.0.0.1:${port}`
    await expect.poll(async () => (await fetch(`${base}/`).catch(() => undefined))?.status, { timeout: 10_000 }).toBe(200)
    for (const path of ['/old/path/', '/old/path']) {
      const response = await fetch(base + path, { redirect: 'manual' })
      expect(response.status, path).toBe(301)
      expect(response.headers.get('location'), path).toBe('/2025/04/new-post/')
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff')
    }
    expect((await fetch(`${base}/2025/04/new-post/`)).status).toBe(200)
    const home = await fetch(`${base}/`)
    expect(home.headers.get('content-security-policy')).toContain("'sha256-")
  } finally {
    nginx.kill('SIGTERM')
    await exited
    rmSync(root, { recursive: true, force: true })
  }
})
