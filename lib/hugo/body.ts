/**
 * A Hugo page body (Goldmark Markdown with shortcodes and raw HTML) turned into MDX that compiles.
 * It is parsed with a real Markdown parser (micromark, with GFM) and written back with mdast's MDX
 * serializer, which escapes `{` and `<` in text; shortcodes become our components or plain Markdown,
 * and raw HTML becomes JSX. Anything that cannot be carried over stays visible and is noted with its line.
 */
import type { Root } from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { gfmFromMarkdown, gfmToMarkdown } from 'mdast-util-gfm'
import { mathFromMarkdown, mathToMarkdown } from 'mdast-util-math'
import { mdxToMarkdown } from 'mdast-util-mdx'
import { toMarkdown } from 'mdast-util-to-markdown'
import { toString } from 'mdast-util-to-string'
import { gfm } from 'micromark-extension-gfm'
import { math } from 'micromark-extension-math'
import { convertHtmlToJsx } from './html'
import { findShortcodeUses, type ShortcodeUse } from './shortcodes'

/** A loosely typed mdast node: the converter builds MDX nodes (JSX, math) beside Markdown ones. */
export type MdNode = { type: string; children?: MdNode[]; value?: string; url?: string; alt?: string | null; title?: string | null; [key: string]: unknown }

/** A document of MdNodes. */
export type MdTree = { type: 'root'; children: MdNode[] }

/** A line of the report about one post: 1-based line in the Hugo file, and what to do. */
export type Note = { line: number; message: string }

/** How an image reference resolves: a path for our site, missing, or on another host. */
export type ResolvedImage = { kind: 'found'; url: string } | { kind: 'missing' } | { kind: 'external' }

/** What the body converter asks of the importer about the rest of the site. */
export type BodyContext = {
  notes: Note[]
  /** ref/relref target -> our URL, with a note when it is not one of the imported posts; undefined when nothing matches. */
  resolveRef: (target: string) => { url: string; note?: string } | undefined
  resolveImage: (url: string) => ResolvedImage
  /** A `param` shortcode's value: the page's own front matter, then the site's params. */
  getParam: (name: string) => string | undefined
  /** The site writes $…$ math in Markdown (Goldmark passthrough). */
  hasMath: boolean
  /** Show raw HTML as text instead of JSX: the fallback when the JSX would not compile. */
  htmlAsText?: boolean
}

/** Stands in for a shortcode while Markdown is parsed: letters and digits only, so the parser leaves it alone. */
const PLACEHOLDER = /HUGOSHORTCODE(\d+)X/g
const HAS_PLACEHOLDER = /HUGOSHORTCODE\d+X/

type ShortcodeResult = { block?: MdNode[]; inline?: MdNode[] }
type PendingUse = { use: ShortcodeUse; line: number; result?: ShortcodeResult }

const text = (value: string): MdNode => ({ type: 'text', value })
const paragraph = (children: MdNode[]): MdNode => ({ type: 'paragraph', children })
const inlineCode = (value: string): MdNode => ({ type: 'inlineCode', value: value.replace(/\n/g, ' ') })
const link = (url: string, label: string): MdNode => ({ type: 'link', url, title: null, children: [text(label)] })
const attribute = (name: string, value: string | null) => ({ type: 'mdxJsxAttribute', name, value })
const jsxFlow = (name: string, attributes: { type: string; name: string; value: string | null }[], children: MdNode[]): MdNode => ({
  type: 'mdxJsxFlowElement',
  name,
  attributes,
  children,
})

const countNewlines = (s: string): number => (s.match(/\n/g) ?? []).length

/** Escaped shortcodes (a comment inside the delimiters) printed as Hugo prints them: {{< figure >}}. */
export function unescapeShortcodes(value: string): string {
  return value.replace(/\{\{([<%])\/\*\s*([\s\S]*?)\s*\*\/([>%])\}\}/g, '{{$1 $2 $3}}')
}

/** Hugo's notice/alert/admonition types -> our Callout's note, tip and warning. */
export function mapCalloutType(type: string | undefined): 'note' | 'tip' | 'warning' {
  const key = (type ?? '').toLowerCase()
  if (['tip', 'hint', 'success', 'check', 'example'].includes(key)) return 'tip'
  if (['warning', 'warn', 'caution', 'danger', 'error', 'important', 'attention', 'failure', 'bug'].includes(key)) return 'warning'
  return 'note'
}

const GITHUB_ALERT_TITLES: Record<string, string | undefined> = {
  NOTE: undefined,
  TIP: undefined,
  WARNING: undefined,
  IMPORTANT: 'Important',
  CAUTION: 'Caution',
}

/** The lines a `highlight` shortcode's options mark: "hl_lines=8 15-17" -> "{8,15-17}" for rehype-pretty-code. */
function highlightMeta(options: string | undefined): string | null {
  const lines = /hl_lines\s*=\s*["']?([\d\s,-]+)/.exec(options ?? '')?.[1]?.trim()
  return lines
    ? `{${lines
        .split(/[\s,]+/)
        .filter(Boolean)
        .join(',')}}`
    : null
}

/** Converts one shortcode use; inner Markdown is converted recursively. */
function renderShortcode(pending: PendingUse, ctx: BodyContext): ShortcodeResult {
  const { use, line } = pending
  const { open } = use
  const arg = (name: string, position?: number): string | undefined =>
    open.args.named[name] ?? (position === undefined ? undefined : open.args.positional[position])
  const innerText = use.inner?.text ?? ''
  const innerNodes = () => (use.inner ? convertToTree(use.inner.text, line + countNewlines(open.source), ctx).children : [])
  const note = (message: string) => ctx.notes.push({ line, message })

  if (open.isEscaped) return { inline: [text(unescapeShortcodes(open.source))] }
  switch (open.name) {
    case 'highlight': {
      const code = unescapeShortcodes(innerText)
        .replace(/^[ \t]*\n/, '')
        .replace(/\n[ \t]*$/, '')
      const node: MdNode = {
        type: 'code',
        lang: arg('lang', 0) ?? null,
        meta: highlightMeta(arg('options', 1) ?? Object.values(open.args.named).join(' ')),
        value: code,
      }
      return { block: [node], inline: [inlineCode(code)] }
    }
    case 'figure': {
      const src = arg('src', 0)
      if (!src) {
        note(`figure shortcode has no src; it is kept as text: add the image by hand`)
        return { inline: [inlineCode(open.source)] }
      }
      const caption = arg('caption') ?? arg('title')
      let alt = arg('alt')
      if (!alt?.trim()) {
        alt = caption ?? fileLabel(src)
        note(`figure ${src} has no alt text; used "${alt}": describe what the image shows`)
      }
      const image = resolveImageNode(src, alt, null, line, ctx)
      if (image.type !== 'image') return { block: [paragraph([image])], inline: [image] }
      for (const dropped of ['link', 'class', 'width', 'height', 'attr', 'attrlink', 'target', 'rel']) {
        if (open.args.named[dropped]) note(`figure ${src}: "${dropped}" is not carried over (our Figure has no such option)`)
      }
      if (!caption) return { block: [paragraph([image])], inline: [image] }
      const figure = jsxFlow('Figure', [attribute('src', String(image.url)), attribute('alt', alt), attribute('caption', caption)], [])
      return { block: [figure], inline: [image] }
    }
    case 'ref':
    case 'relref': {
      const target = arg('path', 0) ?? ''
      const resolved = ctx.resolveRef(target)
      if (!resolved) return { inline: [text(`HUGOUNRESOLVED${encodeURIComponent(target)}X`)] }
      if (resolved.note) note(resolved.note)
      return { inline: [text(resolved.url)] }
    }
    case 'youtube': {
      const id = arg('id', 0) ?? ''
      const title = arg('title')
      const node = link(`https://www.youtube.com/watch?v=${id}`, title ? `${title} (video on YouTube)` : 'Watch the video on YouTube')
      note(`youtube ${id} became a link to the video: there is no embed component (add one to lib/mdx/components.tsx to embed it)`)
      return { block: [paragraph([node])], inline: [node] }
    }
    case 'vimeo': {
      const id = arg('id', 0) ?? ''
      const title = arg('title')
      const node = link(`https://vimeo.com/${id}`, title ? `${title} (video on Vimeo)` : 'Watch the video on Vimeo')
      note(`vimeo ${id} became a link to the video: there is no embed component`)
      return { block: [paragraph([node])], inline: [node] }
    }
    case 'gist': {
      const user = arg('user', 0) ?? ''
      const id = arg('id', 1) ?? ''
      const file = arg('file', 2)
      const url = `https://gist.github.com/${user}/${id}${file ? `#file-${file.replace(/[^\w-]/g, '-').toLowerCase()}` : ''}`
      const node = link(url, `Gist ${user}/${id}${file ? ` (${file})` : ''}`)
      note(`gist ${user}/${id} became a link: the site runs no third-party scripts; paste the code as a code block if it should be on the page`)
      return { block: [paragraph([node])], inline: [node] }
    }
    case 'tweet':
    case 'x': {
      const user = arg('user', open.args.positional.length > 1 ? 0 : undefined)
      const id = arg('id', open.args.positional.length > 1 ? 1 : 0) ?? ''
      const url = user ? `https://x.com/${user}/status/${id}` : `https://x.com/i/status/${id}`
      const node = link(url, user ? `Post by @${user} on X` : 'Post on X')
      note(`${open.name} ${id} became a link: the site runs no third-party scripts; quote the text if it matters`)
      return { block: [paragraph([node])], inline: [node] }
    }
    case 'details': {
      const summary = arg('summary', 0) ?? 'Details'
      const isOpen = ['true', 'open'].includes((arg('open') ?? '').toLowerCase())
      const node = jsxFlow('details', isOpen ? [attribute('open', null)] : [], [jsxFlow('summary', [], [text(summary)]), ...innerNodes()])
      return { block: [node] }
    }
    case 'param': {
      const name = arg('name', 0) ?? ''
      const value = ctx.getParam(name)
      if (value === undefined) {
        note(`param "${name}" is set neither in the page's front matter nor in the site's params; kept as text: write the value in`)
        return { inline: [inlineCode(open.source)] }
      }
      return { inline: [text(value)] }
    }
    case 'katex':
    case 'math': {
      const value = innerText.trim()
      const isDisplay = open.args.positional.includes('display') || /\n/.test(innerText.trim())
      return { block: [{ type: 'math', meta: null, value }], inline: [isDisplay ? { type: 'inlineMath', value } : { type: 'inlineMath', value }] }
    }
    case 'alert':
    case 'notice':
    case 'admonition':
    case 'callout': {
      const type = mapCalloutType(arg('type', 0) ?? arg('class') ?? arg('theme'))
      const title = arg('title', open.name === 'notice' || open.name === 'admonition' ? 1 : undefined)
      const attributes = [attribute('type', type), ...(title ? [attribute('title', title)] : [])]
      return { block: [jsxFlow('Callout', attributes, innerNodes())] }
    }
    default: {
      note(`unknown shortcode ${open.source.replace(/\s+/g, ' ')}: kept as text; replace it with Markdown or a component by hand`)
      if (!use.close) return { inline: [inlineCode(open.source)] }
      return {
        block: [paragraph([inlineCode(open.source)]), ...innerNodes(), paragraph([inlineCode(use.close.source)])],
        inline: [inlineCode(`${open.source}…${use.close.source}`)],
      }
    }
  }
}

/** "diagrams/write-path.png" -> "write path", for an image that has no alt text. */
function fileLabel(src: string): string {
  const base = decodeURIComponent(src.split(/[?#]/)[0]?.split('/').pop() ?? src).replace(/\.[^.]+$/, '')
  return base.replace(/[-_]+/g, ' ').trim() || 'image'
}

/** An image node with its path rewritten, or visible text saying what is missing. */
function resolveImageNode(url: string, alt: string, title: string | null, line: number, ctx: BodyContext): MdNode {
  const resolved = ctx.resolveImage(url)
  if (resolved.kind === 'found') return { type: 'image', url: resolved.url, alt, title }
  if (resolved.kind === 'external') {
    ctx.notes.push({ line, message: `image ${url} is on another site; it is kept as a link: download it into the post's folder and write ![${alt}](./file)` })
    return link(url, `Image: ${alt}`)
  }
  ctx.notes.push({ line, message: `image ${url} was not found in the Hugo site; it is shown as text: add the file and restore the image` })
  return { type: 'strong', children: [text(`[Missing image: ${url} "${alt}"]`)] }
}

/** Splits text nodes at shortcode placeholders, returning phrasing nodes and the uses they stand for. */
function splitPlaceholders(value: string): (MdNode | number)[] {
  const parts: (MdNode | number)[] = []
  let last = 0
  for (const match of value.matchAll(PLACEHOLDER)) {
    if (match.index > last) parts.push(text(value.slice(last, match.index)))
    parts.push(Number(match[1]))
    last = match.index + match[0].length
  }
  if (last < value.length) parts.push(text(value.slice(last)))
  return parts
}

const isBlank = (node: MdNode): boolean => node.type === 'text' && !node.value?.trim()

/** Parses `source` (a body, or a shortcode's inner Markdown) and converts it; `firstLine` is its line in the file. */
export function convertToTree(source: string, firstLine: number, ctx: BodyContext): MdTree {
  const uses: PendingUse[] = []
  let transformed = ''
  let last = 0
  for (const use of findShortcodeUses(source)) {
    transformed += source.slice(last, use.start)
    const span = source.slice(use.start, use.end)
    transformed += `HUGOSHORTCODE${uses.length}X${'\n'.repeat(countNewlines(span))}`
    uses.push({ use: { ...use, source: span } as ShortcodeUse & { source: string }, line: firstLine + countNewlines(source.slice(0, use.start)) })
    last = use.end
  }
  transformed += source.slice(last)

  const tree = fromMarkdown(transformed, ctx.hasMath ? PARSE_WITH_MATH : PARSE) as unknown as MdTree

  const lineOf = (node: MdNode) => firstLine + (((node.position as { start?: { line?: number } } | undefined)?.start?.line ?? 1) - 1)
  const resultOf = (index: number): ShortcodeResult => {
    const pending = uses[index] as PendingUse
    pending.result ??= renderShortcode(pending, ctx)
    return pending.result
  }
  const originalOf = (index: number) => (uses[index] as PendingUse & { use: { source: string } }).use.source
  const restoreLiteral = (value: string) => value.replace(PLACEHOLDER, (_, index: string) => unescapeShortcodes(originalOf(Number(index))))
  const inlineFor = (index: number): MdNode[] => {
    const result = resultOf(index)
    if (result.inline) return result.inline
    ctx.notes.push({
      line: (uses[index] as PendingUse).line,
      message: `shortcode ${uses[index]?.use.open.name} sits inside a line of text; kept as text: put it on its own line`,
    })
    return [inlineCode(originalOf(index))]
  }
  const serializeInline = (nodes: MdNode[]) => serializeMdx({ type: 'root', children: [paragraph(nodes)] } as unknown as Root).trim()

  /** Phrasing children with placeholders expanded inline (inside headings, links, table cells). */
  const transformPhrasing = (children: MdNode[]): MdNode[] =>
    children.flatMap((child) => {
      if (child.type === 'text' && child.value && HAS_PLACEHOLDER.test(child.value)) {
        return splitPlaceholders(child.value).flatMap((part) => (typeof part === 'number' ? inlineFor(part) : [part]))
      }
      return transformNode(child)
    })

  const transformNode = (node: MdNode): MdNode[] => {
    switch (node.type) {
      case 'code':
      case 'inlineCode':
        if (node.value && HAS_PLACEHOLDER.test(node.value)) node.value = restoreLiteral(node.value)
        return [node]
      case 'html':
        return transformHtml(node)
      case 'image': {
        let alt = node.alt ?? ''
        if (!alt.trim()) {
          alt = node.title || fileLabel(String(node.url))
          ctx.notes.push({ line: lineOf(node), message: `image ${node.url} has no alt text; used "${alt}": describe what the image shows` })
        }
        return [resolveImageNode(restoreLiteral(String(node.url)), alt, node.title ?? null, lineOf(node), ctx)]
      }
      case 'link':
      case 'definition':
        return transformLink(node)
      case 'paragraph':
        return transformParagraph(node)
      case 'blockquote':
        return transformBlockquote(node)
      default:
        if (node.children) node.children = isPhrasingParent(node) ? transformPhrasing(node.children) : transformBlocks(node.children)
        return [node]
    }
  }

  const transformBlocks = (children: MdNode[]): MdNode[] => children.flatMap(transformNode)

  const transformLink = (node: MdNode): MdNode[] => {
    let url = String(node.url ?? '').replace(PLACEHOLDER, (_, index: string) => {
      const result = resultOf(Number(index))
      return (result.inline ?? []).map((part) => toString(part)).join('')
    })
    const unresolved = /HUGOUNRESOLVED([^X]*)X/.exec(url)
    if (unresolved) {
      const target = decodeURIComponent(unresolved[1] ?? '')
      ctx.notes.push({ line: lineOf(node), message: `ref "${target}" matches no page of the Hugo site; the link is kept as text: point it at the right post` })
      if (node.type === 'definition') {
        url = `#unresolved-ref`
      } else {
        const label = node.children ? transformPhrasing(node.children) : []
        return [...label, text(` [unresolved link: ${target}]`)]
      }
    }
    node.url = url
    if (node.children) node.children = transformPhrasing(node.children)
    return [node]
  }

  const transformParagraph = (node: MdNode): MdNode[] => {
    const pieces: (MdNode | { block: MdNode[] })[] = []
    for (const child of node.children ?? []) {
      if (child.type === 'text' && child.value && HAS_PLACEHOLDER.test(child.value)) {
        for (const part of splitPlaceholders(child.value)) {
          if (typeof part !== 'number') pieces.push(part)
          else pieces.push({ placeholder: part } as unknown as MdNode)
        }
      } else {
        pieces.push(...transformNode(child))
      }
    }
    const placeholders = pieces.filter((piece) => 'placeholder' in piece)
    const others = pieces.filter((piece) => !('placeholder' in piece) && !isBlank(piece as MdNode))
    const blocks: MdNode[] = []
    let run: MdNode[] = []
    const flush = () => {
      while (run[0] && isBlank(run[0])) run.shift()
      while (run.at(-1) && isBlank(run.at(-1) as MdNode)) run.pop()
      const first = run[0]
      if (first?.type === 'text') first.value = first.value?.replace(/^\s+/, '')
      const lastNode = run.at(-1)
      if (lastNode?.type === 'text') lastNode.value = lastNode.value?.replace(/\s+$/, '')
      if (run.length) blocks.push(paragraph(run))
      run = []
    }
    for (const piece of pieces) {
      if (!('placeholder' in piece)) {
        run.push(piece as MdNode)
        continue
      }
      const index = (piece as unknown as { placeholder: number }).placeholder
      const result = resultOf(index)
      const alone = placeholders.length === 1 && others.length === 0
      if (result.block && (alone || !result.inline)) {
        flush()
        blocks.push(...result.block)
      } else {
        run.push(...inlineFor(index))
      }
    }
    flush()
    return blocks
  }

  const transformBlockquote = (node: MdNode): MdNode[] => {
    const first = node.children?.[0]
    const lead = first?.type === 'paragraph' ? first.children?.[0] : undefined
    const alert = lead?.type === 'text' ? /^\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\][ \t]*(?:\n|$)/i.exec(lead.value ?? '') : null
    if (!alert || !first || !lead) {
      node.children = transformBlocks(node.children ?? [])
      return [node]
    }
    const kind = (alert[1] as string).toUpperCase()
    lead.value = (lead.value ?? '').slice(alert[0].length)
    if (!lead.value) first.children = first.children?.slice(1)
    if (first.children?.[0]?.type === 'break') first.children = first.children.slice(1)
    const rest = first.children?.length ? (node.children ?? []) : (node.children ?? []).slice(1)
    const title = GITHUB_ALERT_TITLES[kind]
    const attributes = [attribute('type', mapCalloutType(kind)), ...(title ? [attribute('title', title)] : [])]
    return [jsxFlow('Callout', attributes, transformBlocks(rest))]
  }

  const transformHtml = (node: MdNode): MdNode[] => {
    const value = node.value ?? ''
    if (/^<!--\s*more\s*-->$/i.test(value.trim())) return [{ type: 'summaryDivider' }]
    if (ctx.htmlAsText) {
      const shown = text(restoreLiteral(value))
      return isInline(node) ? [shown] : [paragraph([shown])]
    }
    if (/^<pre[\s>]/i.test(value.trim()) && /<\/pre>\s*$/i.test(value)) {
      const lang = /class="[^"]*language-([\w+-]+)/.exec(value)?.[1] ?? null
      const code = decodeEntities(
        value
          .replace(/^[\s\S]*?<pre[^>]*>\s*(?:<code[^>]*>)?/i, '')
          .replace(/(?:<\/code>)?\s*<\/pre>\s*$/i, '')
          .replace(/<[^>]+>/g, ''),
      )
      return [{ type: 'code', lang, meta: null, value: code.replace(/\n$/, '') }]
    }
    const withShortcodes = value.replace(PLACEHOLDER, (_, index: string) => `HUGOKEEP${index}X`)
    const { jsx, dropped } = convertHtmlToJsx(withShortcodes)
    for (const what of dropped) {
      ctx.notes.push({
        line: lineOf(node),
        message: `raw HTML: ${what} removed (the site runs no scripts or styles from posts): rebuild it as Markdown if it mattered`,
      })
    }
    const expanded = jsx.replace(/HUGOKEEP(\d+)X/g, (_, index: string) => serializeInline(inlineFor(Number(index))))
    return expanded.trim() ? [{ ...node, value: expanded }] : []
  }

  // Inline HTML is a child of a phrasing parent; remember which, so the text fallback keeps it inline.
  const markInline = (node: MdNode, inline: boolean) => {
    if (node.type === 'html') inlineHtml.set(node, inline)
    for (const child of node.children ?? []) markInline(child, node.type === 'paragraph' || isPhrasingParent(node))
  }
  const inlineHtml = new WeakMap<MdNode, boolean>()
  const isInline = (node: MdNode) => inlineHtml.get(node) === true
  markInline(tree as unknown as MdNode, false)
  tree.children = transformBlocks(tree.children)
  return tree
}

const PHRASING_PARENTS = new Set(['heading', 'emphasis', 'strong', 'delete', 'tableCell', 'linkReference', 'footnoteReference'])
const isPhrasingParent = (node: MdNode) => PHRASING_PARENTS.has(node.type)

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', '#39': "'" }
function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16))
    if (name.startsWith('#')) return ENTITIES[name] ?? String.fromCodePoint(Number(name.slice(1)))
    return ENTITIES[name.toLowerCase()] ?? whole
  })
}

/** Writes an mdast tree as MDX: GFM, math as $…$ / $$…$$, `{`, `}`, `<` and `$` in text escaped. */
export function serializeMdx(tree: Root): string {
  return toMarkdown(tree, SERIALIZE)
}

// Built once: mdast-util-to-markdown compiles each unsafe pattern on its object and caches it there, so
// options made per call would recompile every pattern for every post (it made imports ten times slower).
const SERIALIZE = {
  extensions: [gfmToMarkdown(), mathToMarkdown(), mdxToMarkdown(), { unsafe: [{ character: '}', inConstruct: 'phrasing' as const }] }],
  resourceLink: true,
  fences: true,
  bullet: '-' as const,
  emphasis: '_' as const,
  rule: '-' as const,
  listItemIndent: 'one' as const,
}
const PARSE = { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] }
const PARSE_WITH_MATH = { extensions: [gfm(), math()], mdastExtensions: [gfmFromMarkdown(), mathFromMarkdown()] }

/** The converted body and its first paragraph (or the text before <!--more-->) as plain text, for a description. */
export type ConvertedBody = {
  mdx: string
  summary?: string
  summarySource?: 'more' | 'first paragraph'
  /** The body carries raw HTML turned into JSX: the only part the serializer cannot vouch for, so worth parsing again. */
  hasRawJsx: boolean
}

const containsHtml = (node: MdNode): boolean => node.type === 'html' || (node.children ?? []).some(containsHtml)

/** Converts a whole page body; notes are added to ctx.notes with lines of the Hugo file. */
export function convertBody(body: string, bodyLine: number, ctx: BodyContext): ConvertedBody {
  const tree = convertToTree(body, bodyLine, ctx)
  const dividerIndex = tree.children.findIndex((node) => node.type === 'summaryDivider')
  let summary: string | undefined
  let summarySource: ConvertedBody['summarySource']
  if (dividerIndex >= 0) {
    summary = tree.children
      .slice(0, dividerIndex)
      .filter((node) => node.type === 'paragraph')
      .map((node) => toString(node, { includeHtml: false }))
      .join(' ')
    summarySource = 'more'
  }
  tree.children = tree.children.filter((node) => node.type !== 'summaryDivider')
  if (!summary?.trim()) {
    const first = tree.children.find((node) => node.type === 'paragraph' && toString(node).trim())
    summary = first ? toString(first, { includeHtml: false }) : undefined
    summarySource = summary ? 'first paragraph' : undefined
  }
  return {
    mdx: serializeMdx(tree as unknown as Root),
    summary: summary?.replace(/\s+/g, ' ').trim(),
    summarySource,
    hasRawJsx: containsHtml(tree as unknown as MdNode),
  }
}
