/**
 * Stands in for contentlayer/generated in unit tests (vitest.config.ts aliases it), so they need no
 * content build. Fixture posts cover a near-midnight non-UTC offset, a draft, a post far in the future,
 * a same-instant tie, a tag written two ways, and XML's special characters.
 */
import type { Post } from '../../.contentlayer/generated'

type Frontmatter = Pick<Post, 'title' | 'date' | 'description' | 'tags'> & Partial<Pick<Post, 'draft' | 'updated' | 'slug' | 'aliases'>>

/** A generated post document as contentlayer would write it for content/posts/<file>.mdx. */
export function makeGeneratedPost(file: string, frontmatter: Frontmatter, body = 'Some words for the body.', html = `<p>${body}</p>`): Post {
  return {
    _id: `posts/${file}.mdx`,
    _raw: {
      sourceFilePath: `posts/${file}.mdx`,
      sourceFileName: `${file}.mdx`,
      sourceFileDir: 'posts',
      contentType: 'mdx',
      flattenedPath: `posts/${file}`,
    },
    type: 'Post',
    draft: false,
    ...frontmatter,
    body: { raw: body, code: '' },
    html,
    mathHtml: '',
    image: '',
    wordCount: body.split(/\s+/).filter(Boolean).length,
  }
}

export const allPosts: Post[] = [
  makeGeneratedPost('late-night-in-chicago', {
    title: 'Late night in Chicago',
    date: '2025-04-30T23:30:00-05:00',
    description: 'Filed under April in its own offset, although it is May in UTC.',
    tags: ['distributed-systems', 'Go'],
  }),
  makeGeneratedPost(
    'escaping',
    {
      title: 'Fish & Chips <script>alert("x")</script> — café ]]> 🎉',
      date: '2025-03-01T10:00:00+00:00',
      description: `Quotes " and ' and <b>tags</b> & ampersands`,
      tags: ['Distributed Systems', 'xml'],
    },
    'Body with a link, an image and a script in a code block.',
    // What lib/mdx/render-html.tsx writes for such a body: relative URLs, a heading anchor, escaped code.
    '<h2 id="more">More &amp; less<a class="heading-anchor" aria-hidden="true" tabindex="-1" href="#more">#</a></h2>' +
      '<p>See <a href="/tags/xml/">the tag</a> and <a href="#more">below</a> — café 🎉 ]]&gt;</p>' +
      '<p><img src="diagram.png" alt="A diagram"/></p>' +
      '<pre><code>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</code></pre>',
  ),
  makeGeneratedPost('tie-b', { title: 'Tie B', date: '2024-01-01T12:00:00+00:00', description: 'Same instant as tie-a.', tags: ['go'] }),
  makeGeneratedPost('tie-a', { title: 'Tie A', date: '2024-01-01T13:00:00+01:00', description: 'Same instant as tie-b.', tags: ['go'] }),
  makeGeneratedPost('a-draft', { title: 'A draft', date: '2023-06-01T09:00:00+00:00', description: 'Not yet.', tags: ['go'], draft: true }),
  makeGeneratedPost('from-the-future', {
    title: 'From the future',
    date: '2999-01-01T00:00:00+00:00',
    description: 'Scheduled far ahead.',
    tags: ['go'],
  }),
  makeGeneratedPost('renamed-file', {
    title: 'Slug from frontmatter',
    date: '2023-02-03T04:05:06+02:00',
    description: 'The slug field overrides the file name.',
    tags: ['architecture'],
    slug: 'custom-slug',
    updated: '2024-02-03T04:05:06+02:00',
  }),
]
