import { renderOgImage } from '@/app/_components/og-image'
import { site } from '@/lib/site'

export const dynamic = 'force-static'

/** The share image of the home page and the listings that have none of their own, at /og.png. */
export function GET() {
  return renderOgImage(site.description, 'Engineering blog')
}
