#!/usr/bin/env node
/**
 * npm run new-post -- "Some Title": writes content/posts/some-title.mdx with the frontmatter filled in
 * (the date is now, with this machine's offset) as a draft. Never overwrites an existing post.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const title = process.argv.slice(2).join(' ').trim()
if (!title) {
  console.error('Usage: npm run new-post -- "The Title of the Post"')
  process.exit(2)
}

// The same slug rule as lib/urls.ts tagSlug: lower-case words joined by hyphens, accents dropped.
const slug = title
  .normalize('NFKD')
  .replace(/[\u0300-\u036f]/g, '')
  .toLowerCase()
  .replace(/[^a-z0-9]+/g, '-')
  .replace(/^-+|-+$/g, '')
if (!slug) {
  console.error(`"${title}" has no letters or digits to make a file name from; choose another title.`)
  process.exit(2)
}

/**
 * Now as ISO 8601 with the local offset, e.g. 2026-11-25T16:10:00+01:00: the offset decides the permalink's month.
 * @param {Date} date
 */
function localIsoWithOffset(date) {
  /** @param {number} n */
  const pad = (n) => String(Math.abs(n)).padStart(2, '0')
  const offset = -date.getTimezoneOffset()
  const sign = offset >= 0 ? '+' : '-'
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` +
    `${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`
  )
}

const folder = join(process.env.CONTENT_DIR || 'content', 'posts')
const file = join(folder, `${slug}.mdx`)
if (existsSync(file)) {
  console.error(`${file} already exists; pick another title or edit that post.`)
  process.exit(1)
}
mkdirSync(folder, { recursive: true })
writeFileSync(
  file,
  `---
title: ${JSON.stringify(title)}
date: ${localIsoWithOffset(new Date())}
description: ""
tags: []
draft: true
---

Write the post here. Use ## for sections; the title above is the page's only h1.
`,
  { flag: 'wx' },
)
console.log(`Wrote ${file}: fill in description and tags, and remove "draft: true" to publish.`)
