import { describe, expect, it } from 'vitest'
import { compileSamplePost, WARM_UP_LANGUAGES } from './warm-up'

describe('compileSamplePost', () => {
  it('runs every part of the pipeline a post goes through: headings, GFM, math and each language highlighted', async () => {
    const html = await compileSamplePost()
    expect(html).toContain('<h2 id="a-heading">')
    expect(html).toContain('class="heading-anchor"')
    expect(html).toContain('<table>')
    expect(html).toContain('<math')
    for (const language of WARM_UP_LANGUAGES) expect(html).toContain(`data-language="${language}"`)
  })
})
