/**
 * patches/ holds one patch to contentlayer2's core (what it changes is in its header); patch-package applies
 * it on `npm install` and `npm ci` (package.json "postinstall"). These fail when the patch no longer matches
 * the installed package: a contentlayer2 upgrade must either carry the patch forward or drop it.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(__dirname, '..')
const PATCHES = join(ROOT, 'patches')
const CORE = join(ROOT, 'node_modules', '@contentlayer2', 'core')

type Hunk = { before: string; after: string }
type FilePatch = { file: string; hunks: Hunk[] }

/** The files of a unified diff (as patch-package writes it), each hunk as its text before and after. */
function parsePatch(text: string): FilePatch[] {
  const files: FilePatch[] = []
  let hunk: { before: string[]; after: string[] } | undefined
  const close = () => {
    if (hunk) files.at(-1)?.hunks.push({ before: hunk.before.join('\n'), after: hunk.after.join('\n') })
    hunk = undefined
  }
  for (const line of text.split('\n')) {
    if (line.startsWith('diff --git ')) {
      close()
      files.push({ file: line.split(' b/')[1] ?? '', hunks: [] })
    } else if (line.startsWith('@@')) {
      close()
      hunk = { before: [], after: [] }
    } else if (hunk && !line.startsWith('\\')) {
      const body = line.slice(1)
      if (line.startsWith('-')) hunk.before.push(body)
      else if (line.startsWith('+')) hunk.after.push(body)
      else if (line.startsWith(' ') || line === '') {
        hunk.before.push(body)
        hunk.after.push(body)
      }
    }
  }
  close()
  return files
}

const patchFiles = readdirSync(PATCHES).filter((name) => name.endsWith('.patch'))

describe('the contentlayer2 patch', () => {
  it('is the only patch, and is for the installed version of @contentlayer2/core', () => {
    const installed = (JSON.parse(readFileSync(join(CORE, 'package.json'), 'utf8')) as { version: string }).version
    expect(patchFiles).toEqual([`@contentlayer2+core+${installed}.patch`])
  })

  it('pins contentlayer2 to the version the patch is for', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; scripts: Record<string, string> }
    const installed = (JSON.parse(readFileSync(join(CORE, 'package.json'), 'utf8')) as { version: string }).version
    expect(manifest.dependencies.contentlayer2).toBe(installed)
    expect(manifest.scripts.postinstall).toBe('patch-package')
  })

  it('is applied: every hunk reads as patched in node_modules, none as it was', () => {
    for (const name of patchFiles) {
      const files = parsePatch(readFileSync(join(PATCHES, name), 'utf8'))
      expect(files.length).toBeGreaterThan(0)
      for (const { file, hunks } of files) {
        const installed = readFileSync(join(ROOT, file), 'utf8')
        expect(hunks.length).toBeGreaterThan(0)
        for (const { before, after } of hunks) {
          expect(installed, `${file}: run npm install (patch-package) or update ${name}`).toContain(after)
          expect(installed).not.toContain(before)
        }
      }
    }
  })
})
