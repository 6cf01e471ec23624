import type { Metadata } from 'next'
import { buildTagPageMetadata, TagPage } from '@/app/_components/tag-page'
import { getTagFeedParams } from '@/lib/feed'
import { selectToRender } from '@/lib/posts'
import { tagPath } from '@/lib/urls'

type Props = { params: Promise<{ tag: string }> }

export const dynamicParams = false

export function generateStaticParams() {
  return selectToRender(getTagFeedParams(), ({ tag }) => `${tagPath(tag)}index.html`)
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return buildTagPageMetadata((await params).tag, 1)
}

export default async function TagFirstPage({ params }: Props) {
  return <TagPage slug={(await params).tag} page={1} />
}
