/**
 * The content rules, one row per rule: each bad post must be reported with the field (or line) it is about
 * and a fix the author can copy. checkFrontmatter sees one post's parsed frontmatter; checkContentFolder
 * reads a folder of .mdx files as a build does, so it also sees the body and every post at once.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { checkContentFolder } from './content-check'
import { checkFrontmatter, formatContentProblems } from './content-rules'

const VALID = { title: 'Good', date: '2025-04-16T10:00:00+00:00', description: 'Fine.', tags: ['distributed-systems', 'go'] }

/** VALID with some fields replaced, or removed where the value is undefined. */
function frontmatter(changes: Record<string, unknown>): Record<string, unknown> {
  const data: Record<string, unknown> = { ...VALID, ...changes }
  for (const [field, value] of Object.entries(changes)) if (value === undefined) delete data[field]
  return data
}

describe('checkFrontmatter', () => {
  it('accepts a valid post and derives its permalink from the date in its own offset', () => {
    const { problems, derived } = checkFrontmatter(frontmatter({ date: '2025-04-30T23:30:00-05:00' }), 'good-post')
    expect(problems).toEqual([])
    expect(derived?.url).toBe('/2025/04/good-post/')
    expect(derived?.tagSlugs).toEqual(['distributed-systems', 'go'])
  })

  // field: the field the problem must name; fix: the part of the message that tells the author what to write.
  it.each([
    {
      rule: 'missing title',
      data: frontmatter({ title: undefined }),
      field: 'title',
      fix: /^is missing or empty; write the headline, e\.g\. title: "My post"$/,
    },
    {
      rule: 'missing date',
      data: frontmatter({ date: undefined }),
      field: 'date',
      fix: /^is missing; write the publication date with an offset, e\.g\. date: 2025-04-16T13:12:00\+00:00$/,
    },
    {
      rule: 'missing description',
      data: frontmatter({ description: undefined }),
      field: 'description',
      fix: /^is missing or empty; write one or two sentences that summarise the post, e\.g\. description: /,
    },
    {
      rule: 'empty description',
      data: frontmatter({ description: '  ' }),
      field: 'description',
      fix: /^is missing or empty; write one or two sentences/,
    },
    {
      rule: 'date without offset',
      data: frontmatter({ date: '2025-04-16T10:00:00' }),
      field: 'date',
      fix: /^"2025-04-16T10:00:00" is not an ISO 8601 date-time with an offset; write it like 2025-04-16T13:12:00\+00:00$/,
    },
    {
      rule: 'date without a time',
      data: frontmatter({ date: '2025-04-16' }),
      field: 'date',
      fix: /^"2025-04-16" is not an ISO 8601 date-time with an offset; write it like 2025-04-16T13:12:00\+00:00$/,
    },
    {
      rule: 'month out of range',
      data: frontmatter({ date: '2025-13-01T10:00:00+00:00' }),
      field: 'date',
      fix: /^"2025-13-01T10:00:00\+00:00" is not a real date-time; write it like 2025-04-16T13:12:00\+00:00$/,
    },
    {
      rule: 'tags not a list',
      data: frontmatter({ tags: 'distributed-systems' }),
      field: 'tags',
      fix: /^must be a list, e\.g\. tags: \[distributed-systems, go\]$/,
    },
    {
      rule: 'missing tags',
      data: frontmatter({ tags: undefined }),
      field: 'tags',
      fix: /^is missing; write the tags, e\.g\. tags: \[distributed-systems, go\], or tags: \[\] for none$/,
    },
    {
      rule: 'a tag with no words',
      data: frontmatter({ tags: ['go', '---'] }),
      field: 'tags',
      fix: /^"---" is not a tag; use words, e\.g\. distributed-systems$/,
    },
    {
      rule: 'unknown field',
      data: frontmatter({ tittle: 'Typo' }),
      field: 'tittle',
      fix: /^is not a frontmatter field; the fields are title, date, description, tags, draft, updated, slug, aliases \(a typo\?\)$/,
    },
    {
      rule: 'updated not a date',
      data: frontmatter({ updated: 'yesterday' }),
      field: 'updated',
      fix: /^"yesterday" is not an ISO 8601 date-time with an offset; write it like 2025-04-16T13:12:00\+00:00$/,
    },
    { rule: 'draft not a boolean', data: frontmatter({ draft: 'yes' }), field: 'draft', fix: /^must be true or false$/ },
    {
      rule: 'slug not a URL slug',
      data: frontmatter({ slug: 'My Post' }),
      field: 'slug',
      fix: /^"My Post" is not a URL slug; use lower-case letters, digits and hyphens, e\.g\. my-post$/,
    },
    {
      rule: 'aliases not a list',
      data: frontmatter({ aliases: '/old/' }),
      field: 'aliases',
      fix: /^must be a list of old paths, e\.g\. aliases: \[\/old\/path\/\]$/,
    },
    {
      rule: 'alias not a site path',
      data: frontmatter({ aliases: ['old/path'] }),
      field: 'aliases',
      fix: /^"old\/path" is not a site path; write it like \/old\/path\/$/,
    },
  ])('$rule: one problem, naming $field, with the fix', ({ data, field, fix }) => {
    const { problems, derived } = checkFrontmatter(data, 'good-post')
    expect(problems).toHaveLength(1)
    expect(problems[0]?.field).toBe(field)
    expect(problems[0]?.message).toMatch(fix)
    expect(derived).toBeUndefined()
  })

  // Date alone would roll 30 February over to 2 March and file the post under /2025/03/.
  it.each(['2025-02-30T10:00:00+00:00', '2023-02-29T10:00:00+00:00', '2025-04-31T10:00:00+00:00', '2025-04-16T10:61:00+00:00'])(
    'impossible date %s: one problem, naming date, with the fix',
    (date) => {
      const { problems } = checkFrontmatter(frontmatter({ date }), 'good-post')
      expect(problems).toEqual([{ field: 'date', message: `"${date}" is not a real date-time; write it like 2025-04-16T13:12:00+00:00` }])
    },
  )

  it('accepts a post without tags (tags: []), as imported Hugo posts often are', () => {
    const { problems, derived } = checkFrontmatter(frontmatter({ tags: [] }), 'untagged')
    expect(problems).toEqual([])
    expect(derived?.tagSlugs).toEqual([])
  })

  it('accepts 29 February in a leap year', () => {
    expect(checkFrontmatter(frontmatter({ date: '2024-02-29T10:00:00+00:00' }), 'good-post').problems).toEqual([])
  })

  it('reports every problem of a post at once, not just the first', () => {
    const { problems } = checkFrontmatter({ tittle: 'Typo', date: '2025-04-16', tags: 'go' }, 'good-post')
    expect(problems.map((problem) => problem.field).sort()).toEqual(['date', 'description', 'tags', 'title', 'tittle'])
  })

  it('rejects a file name that is not a URL slug unless slug: is set', () => {
    expect(checkFrontmatter(VALID, 'My Post').problems).toEqual([
      { field: 'slug', message: 'the file name "My Post" is not a URL slug; rename the file to lower-case words and hyphens, or set slug:' },
    ])
    expect(checkFrontmatter(frontmatter({ slug: 'my-post' }), 'My Post').derived?.url).toBe('/2025/04/my-post/')
  })
})

describe('checkContentFolder', () => {
  const folders: string[] = []
  afterEach(() => {
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
  })

  /** A temporary content folder whose posts/ holds these files. */
  function contentFolder(posts: Record<string, string>): string {
    const folder = mkdtempSync(join(tmpdir(), 'blog-content-check-'))
    folders.push(folder)
    mkdirSync(join(folder, 'posts'))
    for (const [name, text] of Object.entries(posts)) writeFileSync(join(folder, 'posts', name), text)
    return folder
  }

  /** A post file: frontmatter lines (VALID's unless given), a blank line, then the body. */
  const post = (body = 'Body text.', lines = ['title: "Good"', 'date: 2025-04-16T10:00:00+00:00', 'description: "Fine."', 'tags: [go]']) =>
    `---\n${lines.join('\n')}\n---\n\n${body}\n`

  const NOW = new Date('2026-01-01T00:00:00Z')

  it('finds nothing wrong with good posts, and lists drafts and scheduled posts as unpublished', () => {
    const folder = contentFolder({
      'good-one.mdx': post('A paragraph with `inline { code }` and a [link](/2025/04/other/).'),
      'a-draft.mdx': post(undefined, ['title: "Draft"', 'date: 2025-04-16T10:00:00+00:00', 'description: "d"', 'tags: [go]', 'draft: true']),
      'scheduled.mdx': post(undefined, ['title: "Later"', 'date: 2026-06-01T10:00:00+00:00', 'description: "d"', 'tags: [go]']),
    })
    expect(checkContentFolder(folder, NOW)).toEqual({ problems: [], unpublished: ['posts/a-draft.mdx', 'posts/scheduled.mdx'] })
  })

  // Each row: the posts/ folder, and a problem line expected for `file` (after "<file>: "). Image rows
  // may also report that /images/x.png is not there; the row asserts the alt text problem among them.
  it.each<{ rule: string; posts: Record<string, string>; file: string; problem: RegExp }>([
    {
      rule: 'duplicate permalink (two files, same slug and month)',
      posts: {
        'first.mdx': post(),
        'second.mdx': post(undefined, ['title: "Second"', 'date: 2025-04-20T10:00:00+00:00', 'description: "d"', 'tags: [go]', 'slug: first']),
      },
      file: 'second.mdx',
      problem: /^slug: permalink \/2025\/04\/first\/ is already used by .*posts\/first\.mdx; give one of them another slug$/,
    },
    {
      rule: 'image without alt (Markdown)',
      posts: { 'image.mdx': post('A paragraph.\n\n![](/images/x.png)') },
      file: 'image.mdx',
      problem: /^line 10: image \/images\/x\.png has no alt text; write !\[what the image shows\]\(\/images\/x\.png\)$/,
    },
    {
      rule: 'image without alt (<img>)',
      posts: { 'img.mdx': post('<img src="/images/x.png" />') },
      file: 'img.mdx',
      problem: /^line 8: <img> has no alt text; add alt="what the image shows"$/,
    },
    {
      rule: 'image without alt (<Figure>)',
      posts: { 'figure.mdx': post('<Figure src="/images/x.png" caption="Why" />') },
      file: 'figure.mdx',
      problem: /^line 8: <Figure> has no alt text; add alt="what the image shows"$/,
    },
    {
      rule: 'alias claimed by two posts',
      posts: {
        'first.mdx': post(undefined, ['title: "First"', 'date: 2025-04-16T10:00:00+00:00', 'description: "d"', 'tags: [go]', 'aliases: [/old/]']),
        'second.mdx': post(undefined, ['title: "Second"', 'date: 2025-05-16T10:00:00+00:00', 'description: "d"', 'tags: [go]', 'aliases: [/old]']),
      },
      file: 'second.mdx',
      problem: /^aliases: \/old\/ is already claimed by .*posts\/first\.mdx; remove it from one of them$/,
    },
    {
      rule: 'MDX syntax error',
      posts: { 'broken.mdx': post('A paragraph.\n\nAn unclosed { brace.') },
      file: 'broken.mdx',
      problem: /^line 10: MDX syntax error: .* \(in prose, write a literal < or \{ as \\< or \\\{, or put it in inline code\)$/,
    },
    {
      rule: 'frontmatter that is not YAML',
      posts: { 'yaml.mdx': post(undefined, ['title: Queues: a study', 'date: 2025-04-16T10:00:00+00:00', 'description: "d"', 'tags: [go]']) },
      file: 'yaml.mdx',
      problem: /^frontmatter: is not valid YAML: .*; quote values that contain ": "$/,
    },
    {
      rule: 'a frontmatter rule (tags not a list), reported with the file',
      posts: { 'tags.mdx': post(undefined, ['title: "Tags"', 'date: 2025-04-16T10:00:00+00:00', 'description: "d"', 'tags: Distributed Systems']) },
      file: 'tags.mdx',
      problem: /^tags: must be a list, e\.g\. tags: \[distributed-systems, go\]$/,
    },
  ])('$rule', ({ posts, file, problem }) => {
    const { problems } = checkContentFolder(contentFolder(posts), NOW)
    const reported = problems.map((line) => {
      const [path = '', ...rest] = line.split(': ')
      return { file: path.slice(path.lastIndexOf('/') + 1), problem: rest.join(': ') }
    })
    expect(
      reported.filter((line) => line.file === file && problem.test(line.problem)),
      JSON.stringify(reported, null, 2),
    ).toHaveLength(1)
  })

  it('lists every problem in every file at once, in one message', () => {
    const folder = contentFolder({
      'a.mdx': post(undefined, ['tittle: "Typo"', 'date: 2025-04-16', 'description: "d"', 'tags: [go]']),
      'b.mdx': post(undefined, ['title: "B"', 'date: 2025-04-16T10:00:00+00:00', 'tags: go']),
    })
    const { problems } = checkContentFolder(folder, NOW)
    expect(problems).toHaveLength(5)
    expect(formatContentProblems(problems)).toMatch(/^Invalid content \(5 problems\); fix these and build again:\n {2}.*posts\/a\.mdx: tittle: /)
  })
})
