/**
 * Post dates are kept as written in frontmatter (ISO 8601 with an offset) because
 * Hugo files a post under the year and month of its own offset, not of UTC:
 * 2025-04-30T23:30:00-05:00 lives under /2025/04/ although it is May in UTC.
 */
const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/

export type PostDate = {
  /** The frontmatter text, unchanged. */
  raw: string
  /** The instant it names. */
  instant: Date
  /** Calendar year and month (1-12) in the date's own offset. */
  year: number
  month: number
}

/** Parses an ISO 8601 date-time with an offset; returns an error message instead when it is not one. */
export function parsePostDate(raw: string): PostDate | string {
  const match = ISO_WITH_OFFSET.exec(raw.trim())
  if (!match) {
    return `"${raw}" is not an ISO 8601 date-time with an offset; write it like 2025-04-16T13:12:00+00:00`
  }
  const instant = new Date(raw.trim())
  const year = Number(match[1])
  const month = Number(match[2])
  const day = Number(match[3])
  // Date.UTC(year, month, 0) is the last day of `month`: 2025-02-30 would otherwise roll over to 2 March.
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate()
  const fieldsInRange =
    month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && Number(match[4]) < 24 && Number(match[5]) < 60 && Number(match[6] ?? 0) < 60
  if (!fieldsInRange || Number.isNaN(instant.getTime())) {
    return `"${raw}" is not a real date-time; write it like 2025-04-16T13:12:00+00:00`
  }
  return { raw: raw.trim(), instant, year, month }
}

/** "2" -> "02": the month as it appears in URLs. */
export function padMonth(month: number): string {
  return String(month).padStart(2, '0')
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const

/** "April" for 4. */
export function formatMonthName(month: number): string {
  return MONTH_NAMES[month - 1] ?? String(month)
}

/** "16 April 2025", in the date's own offset, so the text matches the URL's year and month. */
export function formatPostDate(raw: string): string {
  const match = ISO_WITH_OFFSET.exec(raw.trim())
  if (!match) return raw
  return `${Number(match[3])} ${formatMonthName(Number(match[2]))} ${match[1]}`
}
