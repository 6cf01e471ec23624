import { describe, expect, it } from 'vitest'
import { formatPostDate, parsePostDate } from './dates'

describe('parsePostDate', () => {
  it('keeps the calendar month of the date’s own offset, not of UTC', () => {
    const date = parsePostDate('2025-04-30T23:30:00-05:00')
    expect(date).toMatchObject({ year: 2025, month: 4 })
    if (typeof date === 'string') throw new Error(date)
    expect(date.instant.toISOString()).toBe('2025-05-01T04:30:00.000Z')
  })

  it('does the same just after midnight east of UTC', () => {
    expect(parsePostDate('2024-03-01T00:15:00+09:00')).toMatchObject({ year: 2024, month: 3 })
  })

  it('accepts Z and fractional seconds', () => {
    expect(parsePostDate('2020-01-02T03:04:05.678Z')).toMatchObject({ year: 2020, month: 1 })
  })

  it.each([
    ['2025-04-16', 'no time and offset'],
    ['2025-04-16T13:12:00', 'no offset'],
    ['16 April 2025', 'not ISO'],
    ['2025-13-01T00:00:00+00:00', 'month 13'],
    ['2025-02-30T00:00:00+00:00x', 'trailing text'],
  ])('rejects %s (%s) with a message that shows the expected form', (raw) => {
    const result = parsePostDate(raw)
    expect(typeof result).toBe('string')
    expect(result).toContain('2025-04-16T13:12:00+00:00')
  })
})

describe('formatPostDate', () => {
  it('shows the day in the date’s own offset', () => {
    expect(formatPostDate('2025-04-30T23:30:00-05:00')).toBe('30 April 2025')
  })
})
