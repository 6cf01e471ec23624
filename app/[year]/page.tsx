import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { MonthGroups } from '@/app/_components/date-groups'
import { buildAlternates } from '@/lib/metadata'
import { getArchive, getYear, selectToRender } from '@/lib/posts'
import { yearPath } from '@/lib/urls'

type Props = { params: Promise<{ year: string }> }

export const dynamicParams = false

export function generateStaticParams() {
  return selectToRender(getArchive(), ({ year }) => `${yearPath(year)}index.html`).map(({ year }) => ({ year: String(year) }))
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { year } = await params
  return { title: `Posts from ${year}`, alternates: buildAlternates(yearPath(Number(year))) }
}

export default async function YearPage({ params }: Props) {
  const { year } = await params
  const group = getYear(year)
  if (!group) notFound()
  return (
    <>
      <header className="page-header">
        <h1>Posts from {year}</h1>
        <p className="lede">
          {group.posts.length} post{group.posts.length === 1 ? '' : 's'}
        </p>
      </header>
      <MonthGroups months={group.months} headingLevel={2} />
    </>
  )
}
