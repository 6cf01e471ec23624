import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { checkContentFolder } from './content-check'
import { buildRedirectContext, checkRedirectLines, loadRedirectLines, normaliseRedirectPath, parseRedirectLines } from './site-redirects'

const POSTS = [
  { url: '/2025/04/consistency/', tagSlugs: ['distributed-systems', 'go'], postDate: { year: 2025, month: 4 } },
  { url: '/2023/07/photo-bundle/', tagSlugs: ['photos'], postDate: { year: 2023, month: 7 } },
]
const ALIASES = [{ alias: '/posts/2023/a-leaf-bundle/', file: 'content/posts/photo-bundle/index.mdx', url: '/2023/07/photo-bundle/' }]
const context = buildRedirectContext(POSTS, ALIASES, ['/images/shared.png', '/theme.js'])

/** The problems of a file's text, as "line: message". */
function problemsOf(text: string): string[] {
  const parsed = parseRedirectLines(text)
  return [...parsed.problems, ...checkRedirectLines(parsed.lines, context)].map(({ line, message }) => `${line}: ${message}`)
}

describe('reading content/redirects.txt', () => {
  it('reads "old new" lines, skipping comments and blank lines, and normalises both paths', () => {
    const text = [
      '# Hugo categories, merged into tags',
      '/categories/engineering /tags/go/   # a trailing comment',
      '',
      'https://old.example.com/categories/ /tags/',
      '/posts/2023/a-leaf-bundle/harbour.png https://blog.turboawesome.win/2023/07/photo-bundle/',
      '/caf%C3%A9/ /index.xml',
    ].join('\n')
    expect(parseRedirectLines(text)).toEqual({
      lines: [
        { line: 2, from: '/categories/engineering/', to: '/tags/go/' },
        { line: 4, from: '/categories/', to: '/tags/' },
        { line: 5, from: '/posts/2023/a-leaf-bundle/harbour.png', to: '/2023/07/photo-bundle/' },
        { line: 6, from: '/café/', to: '/index.xml' },
      ],
      problems: [],
    })
    expect(problemsOf(text)).toEqual([])
  })

  it('a path is site-rooted, plain and on this site when it is the target', () => {
    expect(normaliseRedirectPath('/a/b', true)).toEqual({ path: '/a/b/' })
    expect(normaliseRedirectPath('/a/b.html', true)).toEqual({ path: '/a/b.html' })
    expect(normaliseRedirectPath('old/path/', true)).toMatchObject({ problem: expect.stringContaining('write it from the site root') })
    expect(normaliseRedirectPath('/a/../b/', true)).toMatchObject({ problem: expect.stringContaining('".." segment') })
    expect(normaliseRedirectPath('/a/?page=2', true)).toMatchObject({ problem: expect.stringContaining('query') })
    expect(normaliseRedirectPath('/a/%E0%A4%A/', true)).toMatchObject({ problem: expect.stringContaining('percent-escape') })
    expect(normaliseRedirectPath('https://elsewhere.example/tags/', false)).toMatchObject({ problem: expect.stringContaining('on another site') })
  })
})

describe('checking each line against the site', () => {
  // One row per rule: the line, then the problem it must produce (naming what is wrong and the fix).
  const rows: [string, string][] = [
    ['/categories/x/', '1: "/categories/x/" is not two paths; write the old path, a space, then the new one: /old/path/ /new/path/'],
    ['/a/ /b/ 301', '1: "/a/ /b/ 301" is not two paths; write the old path, a space, then the new one: /old/path/ /new/path/'],
    [
      '/tags/go/ /tags/',
      '1: old path /tags/go/ is a page, feed or file of the site; a redirect starts from an old path that no longer answers: delete the line',
    ],
    [
      '/tags/go/index.xml /index.xml',
      '1: old path /tags/go/index.xml is a page, feed or file of the site; a redirect starts from an old path that no longer answers: delete the line',
    ],
    [
      '/images/shared.png /',
      '1: old path /images/shared.png is a page, feed or file of the site; a redirect starts from an old path that no longer answers: delete the line',
    ],
    ['/page/4/ /', "1: old path /page/4/ is a numbered page of the listing /, which the site's pager serves or redirects itself; delete the line"],
    [
      '/tags/go/page/1/ /tags/go/',
      "1: old path /tags/go/page/1/ is a numbered page of the listing /tags/go/, which the site's pager serves or redirects itself; delete the line",
    ],
    ['/img/x.png /', '1: old path /img/x.png is under /img/, which the build fills; delete the line'],
    [
      '/posts/2023/a-leaf-bundle/ /tags/',
      '1: old path /posts/2023/a-leaf-bundle/ is already an alias of content/posts/photo-bundle/index.mdx; keep one of the two',
    ],
    ['/old/ /old/', '1: /old/ redirects to itself; delete the line'],
    [
      '/old/ /2025/04/no-such-post/',
      "1: new path /2025/04/no-such-post/ is not a page, feed or file of the site; point it at one: a post's permalink (/2025/04/slug/), a tag (/tags/go/), /tags/, /posts/, a feed (/index.xml) or a file under public/",
    ],
    [
      '/old/ /tags/go/page/2/',
      '1: new path /tags/go/page/2/ is a numbered page of the listing /tags/go/, whose posts move as you publish; point it at /tags/go/',
    ],
    [
      '/old/ /posts/2023/a-leaf-bundle/',
      '1: new path /posts/2023/a-leaf-bundle/ is an alias of content/posts/photo-bundle/index.mdx; point the line at its permalink /2023/07/photo-bundle/',
    ],
    [
      '/old/ https://elsewhere.example/',
      '1: new path "https://elsewhere.example/" is on another site; a redirect can only lead to a path of this site (https://blog.turboawesome.win/…)',
    ],
  ]
  it.each(rows)('%s', (text, problem) => {
    expect(problemsOf(text)).toEqual([problem])
  })

  it('an old path appears once, and a target is never redirected again (no chains)', () => {
    expect(problemsOf('/a/ /tags/\n/b/ /a/\n/a /posts/')).toEqual([
      '2: new path /a/ is redirected again on line 1 (to /tags/); point this line straight at /tags/',
      '3: old path /a/ is already redirected on line 1; keep one of the two',
    ])
  })

  it('every page, feed and file the posts make is a valid target', () => {
    const targets = [
      '/',
      '/posts/',
      '/tags/',
      '/index.xml',
      '/atom.xml',
      '/feed.json',
      '/posts/index.xml',
      '/tags/index.xml',
      '/2025/04/consistency/',
      '/2025/',
      '/2025/04/',
      '/tags/photos/',
      '/tags/photos/index.xml',
      '/tags/photos/atom.xml',
      '/tags/photos/feed.json',
      '/theme.js',
    ]
    expect(problemsOf(targets.map((to, index) => `/old/${index}/ ${to}`).join('\n'))).toEqual([])
  })

  it('loadRedirectLines names the file and line, and keeps only the good lines', () => {
    expect(loadRedirectLines('/a/ /tags/\n/b/ /nowhere/\n', context, 'content/redirects.txt')).toEqual({
      lines: [{ line: 1, from: '/a/', to: '/tags/' }],
      problems: [expect.stringMatching(/^content\/redirects\.txt: line 2: new path \/nowhere\/ is not a page/)],
    })
    expect(loadRedirectLines(undefined, context, 'content/redirects.txt')).toEqual({ lines: [], problems: [] })
  })
})

describe('the content build checks the file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'site-redirects-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  mkdirSync(join(dir, 'posts'))
  writeFileSync(
    join(dir, 'posts', 'hello.mdx'),
    '---\ntitle: Hello\ndate: 2025-04-16T13:12:00+00:00\ndescription: A post.\ntags: [go]\naliases: [/old/hello/]\n---\n\nText.\n',
  )

  it('a good file passes; each bad line fails the build with file, line and fix', () => {
    writeFileSync(join(dir, 'redirects.txt'), '# renamed tag\n/tags/golang/ /tags/go/\n/categories/go/ /tags/go/\n')
    expect(checkContentFolder(dir, new Date('2026-01-01T00:00:00Z')).problems).toEqual([])
    writeFileSync(join(dir, 'redirects.txt'), '/tags/golang/ /tags/golang-2/\n/old/hello/ /\n')
    // The file is named as the build prints it, relative to where it runs: end with the folder and the name.
    const file = `${basename(dir)}/redirects.txt`
    expect(checkContentFolder(dir, new Date('2026-01-01T00:00:00Z')).problems).toEqual([
      expect.stringMatching(new RegExp(`^\\S*${file.replace(/[.]/g, '\\.')}: line 1: new path /tags/golang-2/ is not a page, feed or file of the site`)),
      expect.stringMatching(/redirects\.txt: line 2: old path \/old\/hello\/ is already an alias of \S+hello\.mdx; keep one of the two$/),
    ])
  })
})
