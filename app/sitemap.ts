import type { MetadataRoute } from 'next'
import { getArchive, getPageCount, getPosts, getTags } from '@/lib/posts'
import { absoluteUrl } from '@/lib/site'
import { homePagePath, listingPagePath, monthPath, tagPath, yearPath } from '@/lib/urls'

export const dynamic = 'force-static'

/** Every published page, with the date of the newest post it shows as its lastmod. */
export default function sitemap(): MetadataRoute.Sitemap {
  const newestDate = (posts: readonly { date: string; updated?: string }[]) => (posts[0] ? new Date(posts[0].updated ?? posts[0].date) : undefined)
  const posts = getPosts()
  const pages = Array.from({ length: getPageCount() }, (_, index) => homePagePath(index + 1))
  return [
    ...pages.map((path) => ({ url: absoluteUrl(path), lastModified: newestDate(posts) })),
    { url: absoluteUrl('/posts/'), lastModified: newestDate(posts) },
    { url: absoluteUrl('/tags/'), lastModified: newestDate(posts) },
    ...posts.map((post) => ({ url: absoluteUrl(post.url), lastModified: new Date(post.updated ?? post.date) })),
    ...getTags().flatMap((tag) =>
      Array.from({ length: getPageCount(tag.posts) }, (_, index) => ({
        url: absoluteUrl(listingPagePath(tagPath(tag.slug), index + 1)),
        // A new post shifts every page of the listing, so each page changes when the tag's newest post does.
        lastModified: newestDate(tag.posts),
      })),
    ),
    ...getArchive().flatMap((year) => [
      { url: absoluteUrl(yearPath(year.year)), lastModified: newestDate(year.posts) },
      ...year.months.map((month) => ({ url: absoluteUrl(monthPath(month.year, month.month)), lastModified: newestDate(month.posts) })),
    ]),
  ]
}
