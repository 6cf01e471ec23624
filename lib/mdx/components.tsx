/**
 * Components MDX renders with. They run at content build time (lib/mdx/render-html.tsx),
 * so they are plain server-side markup: no hooks, no client code, nothing that needs Next.
 */
import type { ComponentProps } from 'react'

/** Wide tables scroll inside their own box instead of widening the page on a phone. */
function Table(props: ComponentProps<'table'>) {
  return (
    <div className="table-scroll">
      <table {...props} />
    </div>
  )
}

export const mdxComponents = {
  table: Table,
}
