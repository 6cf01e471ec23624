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

/**
 * How to run `contentlayer2 <command>` in the scratch folder with this project's config: the file, its
 * arguments, and the folder and environment to run it in.
 */
export function contentlayerCommand(folder: string, command: 'build' | 'dev') {
  return {
    file: join(ROOT, 'node_modules', '.bin', 'contentlayer2'),
    args: [command, '--config', join(ROOT, 'contentlayer.config.ts')],
    // contentlayer2 takes its working folder from PWD when set: point both at the scratch folder.
    options: { cwd: folder, env: { ...process.env, CONTENT_DIR: join(folder, 'content'), PWD: folder } },
  }
}

/** Runs `contentlayer2 build` in the scratch folder: its exit status and everything it printed. */
export function runContentBuild(folder: string): { status: number | null; output: string } {
  // A file, not a pipe: contentlayer's esbuild service can outlive it for a while holding a pipe open,
  // and spawnSync would wait for that instead of for the build.
  const log = join(folder, 'build.log')
  const fd = openSync(log, 'w')
  const { file, args, options } = contentlayerCommand(folder, 'build')
  const result = spawnSync(file, args, { ...options, stdio: ['ignore', fd, fd], timeout: 120_000 })
  closeSync(fd)
  return { status: result.status, output: readFileSync(log, 'utf8') }
}
