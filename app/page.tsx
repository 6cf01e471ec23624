import type { Metadata } from 'next'
import { site } from '@/lib/site'
import { HomePage } from './_components/home-page'

export const metadata: Metadata = { title: { absolute: site.title } }

export default function Home() {
  return <HomePage page={1} />
}
