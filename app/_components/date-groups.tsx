import { formatMonthName } from '@/lib/dates'
import type { Month } from '@/lib/posts'
import { monthPath } from '@/lib/urls'
import { PostDate } from './post-date'

/** Months with their posts as a compact list: the date listing's building block. */
export function MonthGroups({ months, headingLevel }: { months: readonly Month[]; headingLevel: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  return months.map(({ year, month, posts }) => (
    <section key={`${year}-${month}`} className="month-group" aria-labelledby={`m-${year}-${month}`}>
      <Heading id={`m-${year}-${month}`}>
        <a href={monthPath(year, month)}>
          {formatMonthName(month)} {year}
        </a>
      </Heading>
      <ul className="compact-list">
        {posts.map((post) => (
          <li key={post._id}>
            <PostDate date={post.date} /> <a href={post.url}>{post.title}</a>
          </li>
        ))}
      </ul>
    </section>
  ))
}
