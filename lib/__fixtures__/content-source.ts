/** Stands in for lib/content-source.ts in unit tests (vitest.config.mts aliases it): the fixture posts, never reloaded. */
import type { GeneratedPostData } from '../content-source'
import { allPosts } from './generated'

/** The fixture posts as the content build would have written them. */
export function readGeneratedPosts(): GeneratedPostData[] {
  return allPosts
}

/** A build's pass: the fixture posts never change. */
export const GENERATION_FILE = ''
export function readGenerationPass(): string {
  return 'build'
}
