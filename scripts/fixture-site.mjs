#!/usr/bin/env node
/**
 * Builds the fixture site for end-to-end tests: a copy of the project whose content is the real posts
 * plus e2e/fixture-content (a draft, a scheduled post, aliases, components, images, a title full of
 * special characters), built against a fixed clock, with the fixture Hugo site (e2e/fixtures/hugo-site) imported
 * into it first (not with --no-build, whose copy the dev-reload test edits). It lives in its own folder so its content build
 * never touches the real site's .contentlayer or .next.
 *   node scripts/fixture-site.mjs <folder> [--no-build]
 */
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { PROJECT_FILES } from './project-files.mjs'

/** The fixture build's clock: after published-by-clock's date, before scheduled-quokka's. */
export const FIXTURE_NOW = '2026-06-01T00:00:00Z'
/** Beside the fixture build: the import's --urls list and its printed report (lib/hugo/report.ts). */
export const HUGO_IMPORT_URLS = 'hugo-import-urls.txt'
export const HUGO_IMPORT_REPORT = 'hugo-import-report.txt'

const root = resolve(import.meta.dirname, '..')
const args = process.argv.slice(2)
const target = resolve(args.find((arg) => !arg.startsWith('--')) ?? join(root, '.fixture-site'))

rmSync(target, { recursive: true, force: true })
mkdirSync(target, { recursive: true })
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
// The real site's build caches, copied (never linked: this build must not change them). They hold what the
// two builds share: Turbopack's compiled modules (the compile falls from about 9 s to 2 s), the real posts'
// compiled documents and share cards. The output is byte for byte what a cold build makes; what differs (the
// posts, the clock) is in the caches' keys, and the render plan's listing key makes Next render every page.
for (const cache of ['.next/cache', '.contentlayer/.cache']) {
  if (existsSync(join(root, cache))) cpSync(join(root, cache), join(target, cache), { recursive: true })
}
// The fixture Hugo site, imported as an author would (npm run import:hugo), so the one build below also proves
// import -> build -> every old URL answers (e2e/fixture-site/hugo-import.spec.ts). The report and the --urls list
// stay beside the build for that spec to read.
const imported = spawnSync(
  join(root, 'node_modules', '.bin', 'tsx'),
  [join(root, 'scripts', 'import-hugo.ts'), join(root, 'e2e', 'fixtures', 'hugo-site'), '--out', 'content', '--urls', HUGO_IMPORT_URLS],
  { cwd: target, encoding: 'utf8', env: { ...process.env, BLOG_NOW: FIXTURE_NOW } },
)
if (imported.status !== 0) {
  process.stderr.write(imported.stdout + imported.stderr)
  process.exit(imported.status ?? 1)
}
writeFileSync(join(target, HUGO_IMPORT_REPORT), imported.stdout)
const build = spawnSync('npm', ['run', 'build'], { cwd: target, stdio: 'inherit', env: { ...process.env, BLOG_NOW: FIXTURE_NOW } })
process.exit(build.status ?? 1)
