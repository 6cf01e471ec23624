import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { PostList } from '@/app/_components/post-list'
import { formatMonthName } from '@/lib/dates'
import { buildAlternates } from '@/lib/metadata'
import { getArchive, getMonth, selectToRender } from '@/lib/posts'
import { monthPath, yearPath } from '@/lib/urls'

type Props = { params: Promise<{ year: string; month: string }> }

export const dynamicParams = false

export function generateStaticParams() {
  const months = getArchive().flatMap((year) => year.months)
  return selectToRender(months, ({ year, month }) => `${monthPath(year, month)}index.html`).map(({ year, month }) => ({
    year: String(year),
    month: String(month).padStart(2, '0'),
  }))
}

async function findMonth(params: Props['params']) {
  const { year, month } = await params
  const group = getMonth(year, month)
  if (!group) notFound()
  return group
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { year, month } = await findMonth(params)
  return { title: `Posts from ${formatMonthName(month)} ${year}`, alternates: buildAlternates(monthPath(year, month)) }
}

export default async function MonthPage({ params }: Props) {
  const { year, month, posts } = await findMonth(params)
  return (
    <>
      <header className="page-header">
        <h1>
          Posts from {formatMonthName(month)} {year}
        </h1>
        <p className="lede">
          <a href={yearPath(year)}>All of {year}</a>
        </p>
      </header>
      <PostList posts={posts} />
    </>
  )
}
