import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { getAliases, getHugoPagerRedirects, getRedirects, getSiteRedirects } from './posts'

// lib/posts reads <CONTENT_DIR>/redirects.txt when it builds the model, so the folder is set before it loads.
const dir = await vi.hoisted(async () => {
  const { mkdtempSync } = await import('node:fs')
  const { tmpdir } = await import('node:os')
  const { join: joinPath } = await import('node:path')
  const folder = mkdtempSync(joinPath(tmpdir(), 'posts-redirects-'))
  process.env.CONTENT_DIR = folder
  return folder
})
writeFileSync(join(dir, 'redirects.txt'), '# From the old site\n/categories/go /tags/go/\n/tags/golang/index.xml /tags/go/index.xml\n')

describe('getRedirects: one list, one owner', () => {
  it('reads content/redirects.txt, normalised', () => {
    expect(getSiteRedirects()).toEqual([
      { from: '/categories/go/', to: '/tags/go/' },
      { from: '/tags/golang/index.xml', to: '/tags/go/index.xml' },
    ])
  })

  it('merges post aliases, Hugo’s pager pages and the file, each old path once, ordered by old path', () => {
    const all = getRedirects()
    expect(all).toEqual([...getAliases(), ...getHugoPagerRedirects(), ...getSiteRedirects()].sort((a, b) => a.from.localeCompare(b.from)))
    expect(all).toContainEqual({ from: '/categories/go/', to: '/tags/go/' })
    expect(new Set(all.map(({ from }) => from)).size).toBe(all.length)
  })
})
