import type { Metadata } from 'next'
import { buildAlternates } from '@/lib/metadata'
import { getTags } from '@/lib/posts'
import { site } from '@/lib/site'
import { tagPath } from '@/lib/urls'

export const metadata: Metadata = {
  title: 'Tags',
  description: `Every topic on ${site.title}, with its number of posts.`,
  alternates: buildAlternates('/tags/'),
}

export default function TagsPage() {
  return (
    <>
      <header className="page-header">
        <h1>Tags</h1>
      </header>
      <ul className="tag-index">
        {getTags().map((tag) => (
          <li key={tag.slug}>
            <a href={tagPath(tag.slug)}>{tag.title}</a>{' '}
            <span className="count">
              ({tag.posts.length} post{tag.posts.length === 1 ? '' : 's'})
            </span>
          </li>
        ))}
      </ul>
    </>
  )
}
