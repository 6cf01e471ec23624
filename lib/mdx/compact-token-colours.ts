/**
 * A Shiki transformer that makes highlighted code smaller. Shiki colours every token with
 * `style="--shiki-light:#…;--shiki-dark:#…"`, and a post page sends that markup twice: in the HTML and again,
 * escaped, in the page data Next inlines for hydration. Here, tokens in the block's default colours lose their
 * span (about half of all tokens), the others keep their two colours under the short names `--l` and `--d`, and
 * the block's defaults go once on its <code>. app/globals.css turns `--l`/`--d` into the colour of the page's
 * scheme. On the real posts this takes 8-14% off a post page with code (lib/mdx/compact-token-colours.test.ts).
 */
import type { ShikiTransformer } from 'shiki'

type Element = Parameters<NonNullable<ShikiTransformer['pre']>>[0]
type ElementContent = Element['children'][number]

const LIGHT = '--shiki-light'
const DARK = '--shiki-dark'
// Built once: the transformer reads the style of every token of every post.
const LIGHT_COLOUR = new RegExp(`${LIGHT}:\\s*(#[0-9a-f]+)`, 'i')
const DARK_COLOUR = new RegExp(`${DARK}:\\s*(#[0-9a-f]+)`, 'i')

/** The light and dark colours in a Shiki dual-theme style, lower-cased; undefined when it has no colours. */
function readColours(style: unknown): { light: string; dark: string } | undefined {
  if (typeof style !== 'string') return undefined
  const light = LIGHT_COLOUR.exec(style)?.[1]
  const dark = DARK_COLOUR.exec(style)?.[1]
  return light && dark ? { light: light.toLowerCase(), dark: dark.toLowerCase() } : undefined
}

function compactStyle(style: string): string {
  return style.replaceAll(`${LIGHT}:`, '--l:').replaceAll(`${DARK}:`, '--d:')
}

/** A line's tokens with default-coloured spans replaced by their text, adjacent text merged. */
function compactLine(line: Element, defaults: { light: string; dark: string }): ElementContent[] {
  const children: ElementContent[] = []
  for (const child of line.children) {
    let next: ElementContent[] = [child]
    if (child.type === 'element' && child.tagName === 'span') {
      const colours = readColours(child.properties.style)
      const onlyText = child.children.every((grandchild) => grandchild.type === 'text')
      if (colours && colours.light === defaults.light && colours.dark === defaults.dark && onlyText && Object.keys(child.properties).length === 1) {
        next = child.children
      } else if (typeof child.properties.style === 'string') {
        child.properties.style = compactStyle(child.properties.style)
      }
    }
    for (const node of next) {
      const previous = children.at(-1)
      if (node.type === 'text' && previous?.type === 'text') previous.value += node.value
      else children.push(node)
    }
  }
  return children
}

export const compactTokenColours: ShikiTransformer = {
  name: 'compact-token-colours',
  // The pre hook runs last, when the tokens are laid out and <pre> still carries the block's default colours.
  pre(pre) {
    const defaults = readColours(pre.properties.style)
    const code = pre.children.find((child): child is Element => child.type === 'element' && child.tagName === 'code')
    if (!defaults || !code) return
    for (const line of code.children) {
      if (line.type === 'element' && line.tagName === 'span') line.children = compactLine(line, defaults)
    }
    // Ends with ";": rehype-pretty-code appends its own declarations to this attribute afterwards.
    const codeStyle = typeof code.properties.style === 'string' ? code.properties.style.replace(/;?\s*$/, ';') : ''
    code.properties.style = `${codeStyle}--l:${defaults.light};--d:${defaults.dark};`
  },
}
