import { describe, expect, it } from 'vitest'
import { absolutizeUrls, buildFeedHtml } from './feed-html'

const PERMALINK = 'https://blog.turboawesome.win/2025/04/a-post/'

describe('absolutizeUrls', () => {
  it('resolves links, images, anchors and srcset against the permalink', () => {
    const html =
      '<a href="#section">s</a><a href="/tags/go/">t</a><img src="diagram.png" srcset="a.png 1x, /b.png 2x"/>' +
      '<a href="https://example.org/x?a=1&amp;b=2">e</a><a href="mailto:me@example.org">m</a>'
    expect(absolutizeUrls(html, PERMALINK)).toBe(
      '<a href="https://blog.turboawesome.win/2025/04/a-post/#section">s</a>' +
        '<a href="https://blog.turboawesome.win/tags/go/">t</a>' +
        '<img src="https://blog.turboawesome.win/2025/04/a-post/diagram.png" srcset="https://blog.turboawesome.win/2025/04/a-post/a.png 1x, https://blog.turboawesome.win/b.png 2x"/>' +
        '<a href="https://example.org/x?a=1&amp;b=2">e</a><a href="mailto:me@example.org">m</a>',
    )
  })
})

describe('buildFeedHtml', () => {
  it('drops scripts, event handlers, javascript: links and heading anchors but keeps code that shows a script', () => {
    const html =
      '<h2 id="x">X<a class="heading-anchor" aria-hidden="true" tabindex="-1" href="#x">#</a></h2>' +
      '<script>alert(1)</script><p onclick="steal()">p</p><a href="javascript:alert(1)">j</a>' +
      '<pre><code>&lt;script&gt;alert(1)&lt;/script&gt;</code></pre>'
    expect(buildFeedHtml(html, PERMALINK)).toBe('<h2 id="x">X</h2><p>p</p><a>j</a><pre><code>&lt;script&gt;alert(1)&lt;/script&gt;</code></pre>')
  })
})
