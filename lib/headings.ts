/** The section headings of a rendered post, for its table of contents. */

export type Heading = { id: string; text: string; level: 2 | 3 }

const HEADING = /<h([23]) id="([^"]+)">([\s\S]*?)<\/h\1>/g

/** h2 and h3 with their ids (rehype-slug's, stable for a given text), in document order; anchor links dropped. */
export function extractHeadings(html: string): Heading[] {
  return [...html.matchAll(HEADING)].map(([, level, id = '', inner = '']) => ({
    id,
    level: level === '2' ? 2 : 3,
    text: inner
      .replace(/<a class="heading-anchor"[\s\S]*?<\/a>/g, '')
      .replace(/<[^>]+>/g, '')
      .replace(/&quot;/g, '"')
      .replace(/&#x27;|&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&')
      .trim(),
  }))
}
