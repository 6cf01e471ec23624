import type { Metadata } from 'next'
import { HomePage } from '@/app/_components/home-page'
import { buildAlternates } from '@/lib/metadata'
import { getPageCount, selectToRender } from '@/lib/posts'
import { homePagePath } from '@/lib/urls'

type Props = { params: Promise<{ page: string }> }

export const dynamicParams = false

/** Pages 2..N; page 1 is the home page itself. */
export function generateStaticParams() {
  const pages = Array.from({ length: getPageCount() - 1 }, (_, index) => index + 2)
  return selectToRender(pages, (page) => `${homePagePath(page)}index.html`).map((page) => ({ page: String(page) }))
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { page } = await params
  return { title: `Page ${page}`, alternates: buildAlternates(homePagePath(Number(page))) }
}

export default async function HomeListingPage({ params }: Props) {
  const { page } = await params
  return <HomePage page={Number(page)} />
}
