import type { Metadata } from 'next'
import { MonthGroups } from '@/app/_components/date-groups'
import { buildAlternates } from '@/lib/metadata'
import { getArchive, getPosts } from '@/lib/posts'
import { site } from '@/lib/site'
import { yearPath } from '@/lib/urls'

export const metadata: Metadata = {
  title: 'Archive',
  description: `Every post on ${site.title}, by year and month.`,
  alternates: buildAlternates('/posts/', [{ folder: '/posts/', title: `Posts on ${site.title}` }]),
}

export default function ArchivePage() {
  return (
    <>
      <header className="page-header">
        <h1>Archive</h1>
        <p className="lede">Every post, newest first: {getPosts().length} in all.</p>
      </header>
      {getArchive().map(({ year, months }) => (
        <section key={year} className="year-group" aria-labelledby={`y-${year}`}>
          <h2 id={`y-${year}`}>
            <a href={yearPath(year)}>{year}</a>
          </h2>
          <MonthGroups months={months} headingLevel={3} />
        </section>
      ))}
    </>
  )
}
