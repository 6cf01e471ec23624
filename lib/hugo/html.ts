/**
 * Raw HTML from Markdown made into JSX that MDX compiles: class -> className, for -> htmlFor, style
 * strings -> style objects, void elements closed, comments -> MDX comments, braces in text escaped.
 * It works tag by tag, so an opening tag in one HTML block and its closing tag in a later one still
 * pair up once MDX reads them together, as Markdown inside HTML needs.
 */
import { find, html as htmlSchema } from 'property-information'

const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr'])
/** Elements whose content cannot be carried: the site ships no third-party script or <style>. */
const DROPPED_ELEMENTS = new Set(['script', 'style', 'noscript', 'template'])

const TOKEN = /<!--[\s\S]*?-->|<\/?[A-Za-z][\w:.-]*(?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*\/?>|<![^>]*>|<\?[\s\S]*?\?>/g
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g

/** Backslash-escapes what Markdown or MDX would read as syntax inside JSX children. */
export function escapeJsxText(text: string): string {
  return text.replace(/[\\`*_{}[\]<>|~$]/g, (ch) => `\\${ch}`)
}

/** "font-size: 12px; color: red" -> {"fontSize":"12px","color":"red"}, as JSX wants it. */
export function convertStyle(style: string): string {
  const entries: [string, string][] = []
  for (const declaration of style.split(';')) {
    const colon = declaration.indexOf(':')
    if (colon < 0) continue
    const property = declaration.slice(0, colon).trim()
    const value = declaration.slice(colon + 1).trim()
    if (!property || !value) continue
    const name = property.startsWith('--')
      ? property
      : property
          .toLowerCase()
          .replace(/^-ms-/, 'ms-')
          .replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())
    entries.push([name, value])
  }
  return JSON.stringify(Object.fromEntries(entries))
}

/** One attribute as JSX, or undefined with a reason when it cannot be kept (event handlers). */
function convertAttribute(rawName: string, value: string | undefined, dropped: string[]): string | undefined {
  const name = rawName.toLowerCase()
  if (name.startsWith('on')) {
    dropped.push(`${rawName} handler`)
    return undefined
  }
  const jsxName = name.startsWith('data-') || name.startsWith('aria-') || name.includes(':') ? name : find(htmlSchema, name).property
  if (value === undefined) return jsxName
  if (jsxName === 'style') return `style={${convertStyle(value)}}`
  return value.includes('"') ? `${jsxName}={${JSON.stringify(value)}}` : `${jsxName}="${value}"`
}

/** An opening or closing tag as JSX; void elements self-close, their stray closing tags vanish. */
function convertTag(tag: string, dropped: string[]): string {
  const closing = tag.startsWith('</')
  const name = (/^<\/?([A-Za-z][\w:.-]*)/.exec(tag)?.[1] ?? '').toLowerCase()
  if (closing) return VOID_ELEMENTS.has(name) ? '' : `</${name}>`
  const attributeText = tag.slice(name.length + 1).replace(/\/?>$/, '')
  const attributes: string[] = []
  for (const match of attributeText.matchAll(ATTRIBUTE)) {
    const converted = convertAttribute(match[1] as string, match[2] ?? match[3] ?? match[4], dropped)
    if (converted) attributes.push(converted)
  }
  const selfClosing = VOID_ELEMENTS.has(name) || /\/>$/.test(tag)
  return `<${name}${attributes.map((attribute) => ` ${attribute}`).join('')}${selfClosing ? ' />' : '>'}`
}

/** "<!-- x -->" -> "{/* x *\/}" (a comment cannot end early). */
export function convertComment(comment: string): string {
  const inner = comment.slice(4, -3).trim().replace(/\*\//g, '*\\/')
  return inner ? `{/* ${inner} */}` : ''
}

/** The result of converting a fragment: JSX text and what could not be carried over. */
export type ConvertedHtml = { jsx: string; dropped: string[] }

/** Converts one HTML fragment (a block or an inline tag) to JSX text. */
export function convertHtmlToJsx(fragment: string): ConvertedHtml {
  const dropped: string[] = []
  let jsx = ''
  let last = 0
  let skipping: string | undefined
  for (const match of fragment.matchAll(TOKEN)) {
    const token = match[0]
    const index = match.index
    if (!skipping) jsx += escapeJsxText(fragment.slice(last, index))
    last = index + token.length
    const name = (/^<\/?([A-Za-z][\w:.-]*)/.exec(token)?.[1] ?? '').toLowerCase()
    if (skipping) {
      if (token.startsWith('</') && name === skipping) skipping = undefined
      continue
    }
    if (token.startsWith('<!--')) jsx += convertComment(token)
    else if (token.startsWith('<!') || token.startsWith('<?')) dropped.push(token.slice(0, 20))
    else if (DROPPED_ELEMENTS.has(name)) {
      dropped.push(`<${name}> element`)
      if (!token.startsWith('</') && !token.endsWith('/>')) skipping = name
    } else jsx += convertTag(token, dropped)
  }
  if (!skipping) jsx += escapeJsxText(fragment.slice(last))
  return { jsx, dropped }
}
