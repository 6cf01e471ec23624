import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { openBuildCache } from './build-cache.mjs'

/** A folder for one test, removed when it ends. */
function scratch() {
  const folder = mkdtempSync(join(tmpdir(), 'build-cache-'))
  onTestFinished(() => rmSync(folder, { recursive: true, force: true }))
  return folder
}

describe('openBuildCache', () => {
  it('never changes a file it linked into a site when the entry is written again', () => {
    const root = scratch()
    const cache = openBuildCache(join(root, 'cache'), 'v1')
    cache.write('page.lean.html', 'served')
    expect(cache.link('page.lean.html', join(root, 'index.html'))).toBe('linked')
    cache.write('page.lean.html', 'rewritten')
    expect(readFileSync(join(root, 'index.html'), 'utf8')).toBe('served')
    expect(cache.read('page.lean.html')?.toString('utf8')).toBe('rewritten')
    expect(readdirSync(join(root, 'cache'))).toEqual(['v1-page.lean.html'])
  })

  it('puts a new entry where it is wanted as a link to the entry, not as a second copy', () => {
    const root = scratch()
    const cache = openBuildCache(join(root, 'cache'), 'v1')
    const page = join(root, 'index.html')
    cache.write('page.lean.html', 'lean', page)
    expect(readFileSync(page, 'utf8')).toBe('lean')
    expect(statSync(page).ino).toBe(statSync(join(root, 'cache', 'v1-page.lean.html')).ino)
    cache.write('page.lean.html', 'leaner')
    expect(readFileSync(page, 'utf8')).toBe('lean')
  })

  it('reads only what its own version wrote, and prunes what this build did not use', () => {
    const root = scratch()
    const first = openBuildCache(join(root, 'cache'), 'v1')
    first.write('a.br', 'one')
    first.write('b.br', 'two')
    const second = openBuildCache(join(root, 'cache'), 'v2')
    expect(second.read('a.br')).toBeUndefined()
    expect(second.link('a.br', join(root, 'a.br'))).toBeUndefined()
    second.write('a.br', 'three')
    second.prune()
    expect(readdirSync(join(root, 'cache'))).toEqual(['v2-a.br'])
    expect(second.stats()).toEqual({ hits: 0, misses: 2 })
  })
})
