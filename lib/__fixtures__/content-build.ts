/**
 * A real `contentlayer2 build` for tests: a scratch project folder whose content/posts holds the given files,
 * built with this project's contentlayer.config.ts and node_modules, never touching our own .contentlayer.
 */
import { spawnSync } from 'node:child_process'
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

const ROOT = join(__dirname, '..', '..')

/** A new scratch project folder (the caller removes it) with these files under content/posts/, bundles' folders made. */
export function makeScratchProject(posts: Record<string, string | Buffer>): string {
  const folder = mkdtempSync(join(tmpdir(), 'blog-content-'))
  mkdirSync(join(folder, 'content', 'posts'), { recursive: true })
  symlinkSync(join(ROOT, 'node_modules'), join(folder, 'node_modules'), 'dir')
  for (const [name, content] of Object.entries(posts)) {
    const file = join(folder, 'content', 'posts', name)
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, content)
  }
  return folder
}

/** Runs `contentlayer2 build` in the scratch folder: its exit status and everything it printed. */
export function runContentBuild(folder: string): { status: number | null; output: string } {
  // A file, not a pipe: contentlayer's esbuild service can outlive it for a while holding a pipe open,
  // and spawnSync would wait for that instead of for the build.
  const log = join(folder, 'build.log')
  const fd = openSync(log, 'w')
  const result = spawnSync(join(ROOT, 'node_modules', '.bin', 'contentlayer2'), ['build', '--config', join(ROOT, 'contentlayer.config.ts')], {
    cwd: folder,
    stdio: ['ignore', fd, fd],
    // contentlayer2 takes its working folder from PWD when set: point both at the scratch folder.
    env: { ...process.env, CONTENT_DIR: join(folder, 'content'), PWD: folder },
    timeout: 120_000,
  })
  closeSync(fd)
  return { status: result.status, output: readFileSync(log, 'utf8') }
}
