import { describe, expect, it } from 'vitest'
import { extractHeadings } from './headings'

describe('extractHeadings', () => {
  it('lists h2 and h3 with their ids and plain text, without the anchor links', () => {
    const html =
      '<h2 id="why-it-matters">Why <code>it</code> matters<a class="heading-anchor" aria-hidden="true" tabindex="-1" href="#why-it-matters">#</a></h2>' +
      '<p>x</p><h3 id="q-amp-a">Q &amp; A</h3><h4 id="deep">Deep</h4>'
    expect(extractHeadings(html)).toEqual([
      { id: 'why-it-matters', level: 2, text: 'Why it matters' },
      { id: 'q-amp-a', level: 3, text: 'Q & A' },
    ])
  })
})
