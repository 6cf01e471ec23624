/**
 * Finds the images a post body refers to, in the MDX syntax tree: Markdown images (`![alt](src)`) and the
 * `<img>` and `<Figure>` elements authors write. The content check reports their problems by line, and the
 * content build processes exactly these files before it renders the post. It also finds the body's import
 * and export statements, which the content check refuses.
 */
import { createProcessor } from '@mdx-js/mdx'
import remarkMath from 'remark-math'
import { visit } from 'unist-util-visit'

/** One image in a post: its src as written (undefined when it is an expression), its alt text and its line in the body. */
export type ImageReference = { src: string | undefined; alt: string | undefined; line: number; element: 'image' | 'img' | 'Figure' }

type MdxNode = {
  type: string
  name?: string | null
  alt?: string | null
  url?: string
  attributes?: { type: string; name?: string; value?: unknown }[]
  position?: { start: { line: number } }
}

let mdxParser: ReturnType<typeof createProcessor> | undefined

/**
 * Parses a post body as the content build does for syntax: MDX with math, so `$\frac{a}{b}$` is math, not an
 * expression. Throws the parser's error (with `place`) when the body is not valid MDX.
 */
export function parseMdxBody(body: string) {
  // One parser for every post: making it again for each was a fifth of the content check's parsing.
  mdxParser ??= createProcessor({ remarkPlugins: [remarkMath] })
  return mdxParser.parse(body)
}

/** Every image in a parsed body, in document order; lines count from the body's first line. */
export function listImageReferences(tree: ReturnType<typeof parseMdxBody>): ImageReference[] {
  const references: ImageReference[] = []
  visit(tree, (node: MdxNode) => {
    const line = node.position?.start.line ?? 1
    if (node.type === 'image') {
      references.push({ src: node.url, alt: node.alt ?? undefined, line, element: 'image' })
      return
    }
    const isJsx = node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement'
    if (isJsx && (node.name === 'img' || node.name === 'Figure')) {
      const attribute = (name: string) => node.attributes?.find((candidate) => candidate.type === 'mdxJsxAttribute' && candidate.name === name)
      const text = (name: string) => {
        const value = attribute(name)?.value
        return typeof value === 'string' ? value : undefined
      }
      references.push({
        src: text('src'),
        // An alt written as an expression counts as present: it cannot be checked before rendering.
        alt: attribute('alt') ? (text('alt') ?? 'expression') : undefined,
        line,
        element: node.name,
      })
    }
  })
  return references
}

/** The lines of a parsed body's import and export statements (MDX's ESM), counted from the body's first line. */
export function listModuleStatementLines(tree: ReturnType<typeof parseMdxBody>): number[] {
  return tree.children.filter((node) => node.type === 'mdxjsEsm').map((node) => node.position?.start.line ?? 1)
}
