import type { MetadataRoute } from 'next'
import { site } from '@/lib/site'
import { THEME_COLOURS } from '@/lib/theme-colours'

export const dynamic = 'force-static'

/** /manifest.webmanifest: the name, icons and colours a browser uses when the blog is installed or pinned. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: site.title,
    short_name: 'Bits & Trades',
    description: site.description,
    start_url: '/',
    display: 'browser',
    background_color: THEME_COLOURS.dark,
    theme_color: THEME_COLOURS.dark,
    icons: [
      { src: '/icon.svg', type: 'image/svg+xml', sizes: 'any' },
      { src: '/apple-icon.png', type: 'image/png', sizes: '180x180' },
    ],
  }
}
