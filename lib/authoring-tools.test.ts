/**
 * The author's command-line tools, run as authors run them: a real `contentlayer2 build` over a
 * temporary content folder, and `npm run new-post`.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { makeScratchProject, runContentBuild } from './__fixtures__/content-build'

const ROOT = join(__dirname, '..')
const temporaryFolders: string[] = []
afterEach(() => {
  for (const folder of temporaryFolders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

/** A scratch project folder whose content/posts holds `posts`; contentlayer runs there, never touching ours. */
function scratchProject(posts: Record<string, string>): string {
  const folder = makeScratchProject(posts)
  temporaryFolders.push(folder)
  return folder
}

const post = (frontmatter: string, body = 'Body text.') => `---\n${frontmatter.trim()}\n---\n\n${body}\n`
const GOOD = post(`
title: "Good"
date: 2025-04-16T10:00:00+00:00
description: "Fine."
tags: [Distributed Systems, go]
`)

// The content rules themselves are tested row by row, without a build, in lib/content-rules.test.ts.
// This is the one real build: contentlayer.config.ts runs the content check, leaves drafts out and renders.
describe('a content build', () => {
  it('builds good content in a scratch folder, leaving drafts out and keeping tags as written', () => {
    const draft = post(`
title: "Not yet"
date: 2025-04-17T10:00:00+00:00
description: "A draft."
tags: [go]
draft: true
`)
    const folder = scratchProject({ 'good-one.mdx': GOOD, 'not-yet.mdx': draft })
    const result = runContentBuild(folder)
    expect(result.output).not.toMatch(/Invalid content/)
    expect(result.status).toBe(0)
    const generated = JSON.parse(readFileSync(join(folder, '.contentlayer', 'generated', 'Post', '_index.json'), 'utf8'))
    expect(generated).toHaveLength(1)
    expect(generated[0].tags).toEqual(['Distributed Systems', 'go'])
    expect(generated[0].html).toBe('<p>Body text.</p>')
    // The compiled MDX is dropped once rendered (contentlayer.config.ts dropCompiledCode): nothing reads it.
    expect(Object.keys(generated[0].body)).toEqual(['raw'])
  }, 120_000)
})

describe('npm run new-post', () => {
  const newPost = (folder: string, ...args: string[]) =>
    spawnSync('node', [join(ROOT, 'scripts', 'new-post.mjs'), ...args], { encoding: 'utf8', env: { ...process.env, CONTENT_DIR: folder } })

  it('writes a draft with the title, a date with an offset and empty fields to fill, and never overwrites', () => {
    const folder = mkdtempSync(join(tmpdir(), 'blog-new-post-'))
    temporaryFolders.push(folder)
    const first = newPost(folder, 'Café & Queues: A "Study"')
    expect(first.status).toBe(0)
    const file = join(folder, 'posts', 'cafe-queues-a-study.mdx')
    const text = readFileSync(file, 'utf8')
    expect(text).toMatch(
      /^---\ntitle: "Café & Queues: A \\"Study\\""\ndate: \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}\ndescription: ""\ntags: \[\]\ndraft: true\n---\n/,
    )

    writeFileSync(file, text + '\nMy words.\n')
    const second = newPost(folder, 'Café & Queues: A "Study"')
    expect(second.status).toBe(1)
    expect(second.stderr).toContain('already exists')
    expect(readFileSync(file, 'utf8')).toContain('My words.')
  })

  it('asks for a title when given none', () => {
    expect(newPost(tmpdir()).status).toBe(2)
  })
})
