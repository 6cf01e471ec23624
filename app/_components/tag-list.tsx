import { formatTagTitle, tagPath } from '@/lib/urls'

/** Links to the pages of these tags. */
export function TagList({ slugs, label = 'Tags' }: { slugs: readonly string[]; label?: string }) {
  if (slugs.length === 0) return null
  return (
    <ul className="tag-list" aria-label={label}>
      {slugs.map((slug) => (
        <li key={slug}>
          <a href={tagPath(slug)} rel="tag">
            #{formatTagTitle(slug)}
          </a>
        </li>
      ))}
    </ul>
  )
}
