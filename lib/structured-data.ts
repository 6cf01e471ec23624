/** schema.org JSON-LD for search engines: BlogPosting on posts, Blog and WebSite on the home page. */
import type { Post } from './posts'
import { absoluteUrl, site } from './site'

type JsonLd = Record<string, unknown>

const author = { '@type': 'Person', name: site.author, url: `${site.url}/` }

/** BlogPosting with the properties Google and schema.org expect: headline, dates, author, url, keywords. */
export function buildBlogPosting(post: Post): JsonLd {
  const url = absoluteUrl(post.url)
  return {
    '@context': 'https://schema.org',
    '@type': 'BlogPosting',
    headline: post.title,
    description: post.description,
    datePublished: post.postDate.instant.toISOString(),
    dateModified: new Date(post.updated ?? post.date).toISOString(),
    author,
    publisher: author,
    url,
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    keywords: post.tagSlugs.join(', '),
    wordCount: post.wordCount,
    inLanguage: site.language,
    isPartOf: { '@type': 'Blog', name: site.title, url: `${site.url}/` },
  }
}

/** The home page: the Blog itself and the WebSite it lives on. */
export function buildHomeGraph(): JsonLd {
  return {
    '@context': 'https://schema.org',
    '@graph': [
      { '@type': 'WebSite', name: site.title, url: `${site.url}/`, description: site.description, inLanguage: site.language },
      { '@type': 'Blog', name: site.title, url: `${site.url}/`, description: site.description, author, inLanguage: site.language },
    ],
  }
}

/** JSON for a <script type="application/ld+json">, with "<" escaped so a title can never close the tag. */
export function serializeJsonLd(data: JsonLd): string {
  return JSON.stringify(data).replace(/</g, '\\u003c')
}
