import type { Metadata } from 'next'
import { buildTagPageMetadata, TagPage } from '@/app/_components/tag-page'
import { getPageCount, getTags, selectToRender } from '@/lib/posts'
import { listingPagePath, tagPath } from '@/lib/urls'

type Props = { params: Promise<{ tag: string; page: string }> }

export const dynamicParams = false

/** Pages 2..N of every tag with more than one page; page 1 is the tag page itself. */
export function generateStaticParams() {
  const pages = getTags().flatMap((tag) => Array.from({ length: getPageCount(tag.posts) - 1 }, (_, index) => ({ tag: tag.slug, page: String(index + 2) })))
  return selectToRender(pages, ({ tag, page }) => `${listingPagePath(tagPath(tag), Number(page))}index.html`)
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { tag, page } = await params
  return buildTagPageMetadata(tag, Number(page))
}

export default async function TagListingPage({ params }: Props) {
  const { tag, page } = await params
  return <TagPage slug={tag} page={Number(page)} />
}
