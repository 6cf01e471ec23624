import { ImageResponse } from 'next/og'
import { readOrDrawCard } from '@/lib/og-cache'
import { site } from '@/lib/site'

/** Open Graph images are 1200×630: what link previews on social sites and chat apps expect. */
export const OG_IMAGE_SIZE = { width: 1200, height: 630 } as const

/**
 * Text the bundled font can draw. For anything else (emoji, other scripts) next/og would download glyphs
 * from a CDN during the build; builds must not need the network, so those characters are left out.
 */
function toDrawableText(text: string): string {
  return text
    .replace(/[^\u0000-\u024f\u2000-\u206f\u20a0-\u20cf]/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
}

/**
 * A share card with the page's title and the site's name, rendered at build time with next/og's bundled font.
 * A build takes a card it has drawn before from the cache (lib/og-cache.ts).
 */
export function renderOgImage(rawTitle: string, rawKicker: string): Promise<Response> | ImageResponse {
  const title = toDrawableText(rawTitle)
  const kicker = toDrawableText(rawKicker)
  const card = (
    <div
      style={{
        width: '100%',
        height: '100%',
        display: 'flex',
        flexDirection: 'column',
        justifyContent: 'space-between',
        padding: '72px 80px',
        background: '#111418',
        color: '#e4e7eb',
      }}
    >
      <div style={{ fontSize: 30, color: '#7cb7ff', display: 'flex' }}>{kicker}</div>
      <div style={{ fontSize: title.length > 70 ? 56 : 68, fontWeight: 700, lineHeight: 1.15, display: 'flex' }}>{title}</div>
      <div style={{ fontSize: 30, color: '#a3adb8', display: 'flex' }}>{site.title}</div>
    </div>
  )
  if (process.env.NODE_ENV !== 'production') return new ImageResponse(card, OG_IMAGE_SIZE)
  return readOrDrawCard(card, OG_IMAGE_SIZE, () => new ImageResponse(card, OG_IMAGE_SIZE).arrayBuffer()).then(
    (png) => new Response(new Uint8Array(png), { headers: { 'Content-Type': 'image/png' } }),
  )
}
