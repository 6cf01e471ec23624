import { serializeJsonLd } from '@/lib/structured-data'

/** A schema.org data block; not a script that runs, so the Content-Security-Policy does not apply. */
export function JsonLd({ data }: { data: Record<string, unknown> }) {
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: serializeJsonLd(data) }} />
}
