#!/usr/bin/env node
/**
 * Builds the fixture site for end-to-end tests: a copy of the project whose content is the real posts
 * plus e2e/fixture-content (a draft, a scheduled post, aliases, components, images, a title full of
 * special characters), built against a fixed clock. It lives in its own folder so its content build
 * never touches the real site's .contentlayer or .next.
 *   node scripts/fixture-site.mjs <folder> [--no-build]
 */
import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'

/** The fixture build's clock: after published-by-clock's date, before scheduled-quokka's. */
export const FIXTURE_NOW = '2026-06-01T00:00:00Z'

const root = resolve(import.meta.dirname, '..')
const args = process.argv.slice(2)
const target = resolve(args.find((arg) => !arg.startsWith('--')) ?? join(root, '.fixture-site'))

rmSync(target, { recursive: true, force: true })
mkdirSync(target, { recursive: true })
const PROJECT_FILES = [
  'app',
  'lib',
  'public',
  'content',
  'scripts',
  'contentlayer.config.ts',
  'next.config.mjs',
  'server.mjs',
  'tsconfig.json',
  'package.json',
  'package-lock.json',
]
for (const entry of PROJECT_FILES) {
  cpSync(join(root, entry), join(target, entry), { recursive: true })
}
cpSync(join(root, 'e2e', 'fixture-content', 'posts'), join(target, 'content', 'posts'), { recursive: true })
cpSync(join(root, 'e2e', 'fixture-content', 'public'), join(target, 'public'), { recursive: true })
// Turbopack compiles nothing outside the project root, so a symlinked node_modules will not do; hard links
// copy no data (same filesystem: the fixture site sits inside this checkout, ignored by git and tsc).
const link = spawnSync('cp', ['-al', join(root, 'node_modules'), join(target, 'node_modules')], { stdio: 'inherit' })
if (link.status !== 0) cpSync(join(root, 'node_modules'), join(target, 'node_modules'), { recursive: true, verbatimSymlinks: true })

if (args.includes('--no-build')) process.exit(0)
const build = spawnSync('npm', ['run', 'build'], { cwd: target, stdio: 'inherit', env: { ...process.env, BLOG_NOW: FIXTURE_NOW } })
process.exit(build.status ?? 1)
