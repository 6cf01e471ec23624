/**
 * Hugo front matter: YAML between ---, TOML between +++, or a JSON object, with keys matched without
 * regard to case. Also Hugo's date forms, turned into the ISO 8601 date-time with an offset our posts need.
 */
import { lowerKeys, parseData } from './config'

/** A content file split into its front matter (keys lower-cased) and body. */
export type SplitPage = {
  format: 'yaml' | 'toml' | 'json' | 'none'
  data: Record<string, unknown>
  body: string
  /** 1-based line of the file on which the body starts. */
  bodyLine: number
}

const countLines = (text: string): number => text.split('\n').length - 1

/** End index (exclusive) of the JSON object that opens `text`, or -1. */
function findJsonEnd(text: string): number {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (inString) {
      if (ch === '\\') i++
      else if (ch === '"') inString = false
    } else if (ch === '"') inString = true
    else if (ch === '{') depth++
    else if (ch === '}' && --depth === 0) return i + 1
  }
  return -1
}

/** Splits a Hugo content file; throws an Error naming the format and the parser's reason. */
export function splitFrontMatter(raw: string): SplitPage {
  const text = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
  const fence = /^(---|\+\+\+)[ \t]*\n/.exec(text)
  if (fence) {
    const marker = fence[1] as string
    const close = new RegExp(`\\n${marker === '+++' ? '\\+\\+\\+' : '---'}[ \\t]*(?:\\n|$)`).exec(text.slice(fence[0].length - 1))
    if (!close) throw new Error(`front matter opened with ${marker} is never closed`)
    const inner = text.slice(fence[0].length, fence[0].length - 1 + close.index)
    const rest = text.slice(fence[0].length - 1 + close.index + close[0].length)
    const format = marker === '+++' ? 'toml' : 'yaml'
    let data: Record<string, unknown>
    try {
      data = parseData(inner, format)
    } catch (error) {
      throw new Error(`front matter is not valid ${format.toUpperCase()}: ${(error as Error).message.split('\n')[0]}`)
    }
    return { format, data: lowerKeys(data) as Record<string, unknown>, body: rest, bodyLine: countLines(text.slice(0, text.length - rest.length)) + 1 }
  }
  if (text.startsWith('{')) {
    const end = findJsonEnd(text)
    if (end < 0) throw new Error('front matter opened with { is never closed')
    let data: Record<string, unknown>
    try {
      data = parseData(text.slice(0, end), 'json')
    } catch (error) {
      throw new Error(`front matter is not valid JSON: ${(error as Error).message.split('\n')[0]}`)
    }
    const rest = text.slice(end).replace(/^[ \t]*\n/, '')
    return { format: 'json', data: lowerKeys(data) as Record<string, unknown>, body: rest, bodyLine: countLines(text.slice(0, text.length - rest.length)) + 1 }
  }
  return { format: 'none', data: {}, body: text, bodyLine: 1 }
}

const HUGO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|UTC|[+-]\d{2}:?\d{2})?$/i

/** Minutes east of UTC that `timeZone` observes at the instant `utcMs`. */
function zoneOffsetAt(utcMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(utcMs))
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value)
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'))
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60000)
}

/** The offset `timeZone` has at this wall-clock time (the later one when clocks go back). */
function offsetForWallClock(wallAsUtc: number, timeZone: string): number {
  const first = zoneOffsetAt(wallAsUtc, timeZone)
  const second = zoneOffsetAt(wallAsUtc - first * 60000, timeZone)
  return second
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+'
  const abs = Math.abs(minutes)
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
}

/** A front-matter date turned into ours, with a note when the time or offset had to be supplied. */
export type ConvertedDate = { iso: string; note?: string }

/**
 * Hugo date value (string, or a TOML date) -> "2017-01-10T11:22:00+00:00". A date without an offset takes
 * `timeZone` (else UTC) and one without a time takes midnight, as Hugo does; the note says which.
 * Returns an error message for anything that is not a date.
 */
export function convertHugoDate(value: unknown, timeZone: string | undefined): ConvertedDate | string {
  // smol-toml's dates print back exactly as written (local, date-only or with an offset).
  const text = value instanceof Date ? value.toISOString().replace(/\.000(?=$|[Z+-])/, '') : typeof value === 'string' ? value.trim() : undefined
  if (text === undefined) return `${JSON.stringify(value)} is not a date`
  const match = HUGO_DATE.exec(text)
  if (!match) return `"${text}" is not a date Hugo and this importer both read; write it like 2017-01-10T11:22:00+00:00`
  const [, y, mo, d, h, mi, s, zone] = match
  const hasTime = h !== undefined
  const wall = `${y}-${mo}-${d}T${h ?? '00'}:${mi ?? '00'}:${s ?? '00'}`
  const wallAsUtc = Date.parse(`${wall}Z`)
  if (Number.isNaN(wallAsUtc) || Number(mo) > 12 || Number(d) > 31 || Number(h ?? 0) > 23) return `"${text}" is not a real date`
  if (zone) {
    const offset = /^(Z|UTC)$/i.test(zone) ? '+00:00' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`
    return { iso: `${wall}${offset}`, note: hasTime ? undefined : `date "${text}" has no time; used 00:00` }
  }
  const offset = timeZone ? formatOffset(offsetForWallClock(wallAsUtc, timeZone)) : '+00:00'
  const zoneName = timeZone ? `the site's timeZone ${timeZone}` : 'UTC (the site sets no timeZone)'
  return { iso: `${wall}${offset}`, note: `date "${text}" has no ${hasTime ? 'offset' : 'time or offset'}; used ${hasTime ? '' : '00:00 in '}${zoneName}` }
}
