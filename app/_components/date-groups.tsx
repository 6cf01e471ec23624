import Link from 'next/link'
import { formatMonthName } from '@/lib/dates'
import type { Month } from '@/lib/posts'
import { monthPath } from '@/lib/urls'
import { PostDate } from './post-date'

/** Months with their posts as a compact list: the date listing's building block. */
export function MonthGroups({ months }: { months: readonly Month[] }) {
  return months.map(({ year, month, posts }) => (
    <section key={`${year}-${month}`} className="month-group" aria-labelledby={`m-${year}-${month}`}>
      <h3 id={`m-${year}-${month}`}>
        <Link href={monthPath(year, month)}>
          {formatMonthName(month)} {year}
        </Link>
      </h3>
      <ul className="compact-list">
        {posts.map((post) => (
          <li key={post._id}>
            <PostDate date={post.date} /> <Link href={post.url}>{post.title}</Link>
          </li>
        ))}
      </ul>
    </section>
  ))
}
