import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SEARCH_CSP, SECURITY_HEADERS, SITE_CSP } from '../lib/http-rules.mjs'
import { EXAMPLE, renderNginxConf, renderRedirectsMap } from './render-nginx.mjs'

describe('deploy/nginx.conf', () => {
  it('is exactly what render-nginx.mjs renders from the table (after changing lib/http-rules.mjs or an inline script: node deploy/render-nginx.mjs --example)', () => {
    expect(readFileSync(join(import.meta.dirname, 'nginx.conf'), 'utf8')).toBe(renderNginxConf(EXAMPLE))
  })

  it('carries every header of the table, each added once at server level', () => {
    const conf = renderNginxConf(EXAMPLE)
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(conf).toContain(`add_header ${name} "${value}" always;`)
    expect(conf).toContain(`default "${SITE_CSP}";`)
    expect(conf).toContain(`"~^\\/(pagefind\\/|search\\/index\\.html$)" "${SEARCH_CSP}";`)
    expect(conf.match(/add_header Content-Security-Policy/g)).toHaveLength(1)
    const locations = conf.slice(conf.indexOf('location /'))
    expect(locations, 'no location has an add_header of its own (nginx would drop the inherited ones)').not.toContain('add_header')
  })

  it('leaves brotli_static out when asked, for an nginx without the module', () => {
    expect(renderNginxConf(EXAMPLE)).toContain('brotli_static on;')
    expect(renderNginxConf({ ...EXAMPLE, brotli: false })).not.toContain('brotli')
  })
})

describe('renderRedirectsMap', () => {
  it('maps each old path, with and without its slash, from the export’s _redirects', () => {
    const root = mkdtempSync(join(tmpdir(), 'render-nginx-'))
    try {
      mkdirSync(root, { recursive: true })
      writeFileSync(join(root, '_redirects'), '/page/1/ / 301\n')
      expect(renderRedirectsMap(root)).toBe('map $uri $blog_redirect {\n    default "";\n    "/page/1/" "/";\n    "/page/1" "/";\n}\n')
      writeFileSync(join(root, '_redirects'), '/a"b/ / 301\n')
      expect(() => renderRedirectsMap(root)).toThrow(/contains a quote/)
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })
})
