import { formatPostDate } from '@/lib/dates'

/** A post date as a <time>, shown in the date's own offset so it agrees with the permalink. */
export function PostDate({ date, prefix }: { date: string; prefix?: string }) {
  return (
    <time dateTime={date}>
      {prefix}
      {formatPostDate(date)}
    </time>
  )
}
