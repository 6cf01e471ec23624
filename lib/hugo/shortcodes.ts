/**
 * Finds Hugo shortcodes in a page body, {{< name args >}} and {{% name args %}}, paired with their
 * closing tags, and parses their arguments as Hugo does (positional or named, quoted, `raw` or bare).
 */

/** One shortcode tag as written. */
export type ShortcodeTag = {
  start: number
  end: number
  name: string
  /** `<` or `%`: whether Hugo renders the inner content as Markdown first. */
  delimiter: '<' | '%'
  isClosing: boolean
  isSelfClosing: boolean
  /** The escaped form, a comment inside the delimiters: Hugo prints it literally, without the comment marks. */
  isEscaped: boolean
  args: ShortcodeArgs
  /** The tag's text as written. */
  source: string
}

export type ShortcodeArgs = { positional: string[]; named: Record<string, string> }

/** A top-level shortcode: one tag, or an opening tag with its inner text and closing tag. */
export type ShortcodeUse = {
  open: ShortcodeTag
  close?: ShortcodeTag
  /** Text between the tags, and where it starts in the body. */
  inner?: { text: string; start: number }
  start: number
  end: number
}

/** Parses `go "linenos=table"` or `src="x.png" alt='A'` into positional and named arguments. */
export function parseShortcodeArgs(text: string): ShortcodeArgs {
  const positional: string[] = []
  const named: Record<string, string> = {}
  const pattern = /\s*(?:([A-Za-z_][\w-]*)\s*=\s*)?("(?:[^"\\]|\\.)*"|`[^`]*`|'[^']*'|[^\s"'`]+)/gy
  let match: RegExpExecArray | null
  while ((match = pattern.exec(text)) !== null) {
    const rawValue = match[2] ?? ''
    let value = rawValue
    if (rawValue.startsWith('"')) value = rawValue.slice(1, -1).replace(/\\(.)/g, '$1')
    else if (rawValue.startsWith('`') || rawValue.startsWith("'")) value = rawValue.slice(1, -1)
    if (match[1]) named[match[1].toLowerCase()] = value
    else positional.push(value)
    if (pattern.lastIndex >= text.length) break
  }
  return { positional, named }
}

/** The index just past the tag's closing delimiter, skipping quoted strings, or -1. */
function findTagEnd(text: string, from: number, delimiter: '<' | '%'): number {
  const closing = delimiter === '<' ? '>}}' : '%}}'
  let quote: string | undefined
  for (let i = from; i < text.length; i++) {
    const ch = text[i]
    if (quote) {
      if (ch === '\\' && quote === '"') i++
      else if (ch === quote) quote = undefined
    } else if (ch === '"' || ch === '`') quote = ch
    else if (text.startsWith(closing, i)) return i + closing.length
    else if (ch === '\n' && text.startsWith('\n\n', i)) return -1
  }
  return -1
}

/** Every shortcode tag in `text`, in order. Text that only looks like a tag is left alone. */
export function findShortcodeTags(text: string): ShortcodeTag[] {
  const tags: ShortcodeTag[] = []
  const opener = /\{\{([<%])/g
  let match: RegExpExecArray | null
  while ((match = opener.exec(text)) !== null) {
    const start = match.index
    const delimiter = match[1] as '<' | '%'
    const end = findTagEnd(text, start + 3, delimiter)
    if (end < 0) continue
    let inner = text.slice(start + 3, end - 3).trim()
    const isEscaped = inner.startsWith('/*') && inner.endsWith('*/')
    if (isEscaped) inner = inner.slice(2, -2).trim()
    const isClosing = inner.startsWith('/')
    if (isClosing) inner = inner.slice(1).trim()
    const isSelfClosing = !isClosing && inner.endsWith('/')
    if (isSelfClosing) inner = inner.slice(0, -1).trim()
    const name = /^[\w./-]+/.exec(inner)?.[0]
    if (!name) continue
    tags.push({
      start,
      end,
      name: name.toLowerCase(),
      delimiter,
      isClosing,
      isSelfClosing,
      isEscaped,
      args: parseShortcodeArgs(inner.slice(name.length)),
      source: text.slice(start, end),
    })
    opener.lastIndex = end
  }
  return tags
}

/** Pairs opening and closing tags and returns the top-level uses, in order; a stray closing tag is a use of its own. */
export function findShortcodeUses(text: string): ShortcodeUse[] {
  const tags = findShortcodeTags(text)
  const closeFor = new Map<number, number>()
  const stack: number[] = []
  tags.forEach((tag, index) => {
    if (tag.isEscaped) return
    if (!tag.isClosing) {
      if (!tag.isSelfClosing) stack.push(index)
      return
    }
    for (let depth = stack.length - 1; depth >= 0; depth--) {
      const openIndex = stack[depth] as number
      if ((tags[openIndex] as ShortcodeTag).name === tag.name) {
        closeFor.set(openIndex, index)
        stack.length = depth
        return
      }
    }
  })
  const uses: ShortcodeUse[] = []
  let skipUntil = -1
  tags.forEach((tag, index) => {
    if (tag.start < skipUntil) return
    const closeIndex = closeFor.get(index)
    if (closeIndex === undefined) {
      uses.push({ open: tag, start: tag.start, end: tag.end })
      return
    }
    const close = tags[closeIndex] as ShortcodeTag
    uses.push({ open: tag, close, inner: { text: text.slice(tag.end, close.start), start: tag.end }, start: tag.start, end: close.end })
    skipUntil = close.end
  })
  return uses
}
