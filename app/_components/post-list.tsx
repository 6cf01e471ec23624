import type { Post } from '@/lib/posts'
import { isShownAsDraft } from '@/lib/posts'
import { PostDate } from './post-date'
import { TagList } from './tag-list'

/** Post summaries: linked title, date, description and tags, in the order given. */
export function PostList({ posts, headingLevel = 2 }: { posts: readonly Post[]; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  return (
    <ol className="post-list">
      {posts.map((post) => (
        <li key={post._id}>
          <article className="post-summary">
            <Heading>
              <a href={post.url}>{post.title}</a>
              {isShownAsDraft(post) && <span className="draft-mark"> (draft)</span>}
            </Heading>
            <p className="post-meta">
              <PostDate date={post.date} />
            </p>
            <p>{post.description}</p>
            <TagList slugs={post.tagSlugs} label={`Tags of ${post.title}`} />
          </article>
        </li>
      ))}
    </ol>
  )
}
