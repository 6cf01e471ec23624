import { fileURLToPath } from 'node:url'
import { PHASE_DEVELOPMENT_SERVER, PHASE_PRODUCTION_BUILD } from 'next/constants.js'

/** Where `next build` writes the static export; scripts/finish-build.mjs turns it into out/ (README, "How it is built"). */
export const NEXT_EXPORT_DIR = '.next-export'

/** Keeps the heap of next build's prerender workers near what is live; the file says why. */
export const PRERENDER_HEAP_PRELOAD = fileURLToPath(new URL('./scripts/prerender-heap.mjs', import.meta.url))

/**
 * Sets up the prerender workers Next starts after reading this configuration (they inherit the environment):
 * the heap preload goes into NODE_OPTIONS (once: Next may read the configuration more than once), and
 * SKIP_SEGMENT_PREFETCH_DATA has them make no per-segment prefetch data (patches/next+16.4.6.patch): that
 * data is for Next's client router, which no page ships, and making it was a quarter of prerendering.
 */
function configureBuildWorkers() {
  const options = process.env.NODE_OPTIONS ?? ''
  if (!options.includes(PRERENDER_HEAP_PRELOAD)) process.env.NODE_OPTIONS = `${options} --import=${JSON.stringify(PRERENDER_HEAP_PRELOAD)}`.trim()
  process.env.SKIP_SEGMENT_PREFETCH_DATA = '1'
}

/**
 * Next renders; it never serves production. Every page, feed and file is prerendered by `next build` as a
 * static export, then the finishing step strips the framework's JavaScript and swaps the result in as out/.
 * @param {string} phase
 * @returns {import('next').NextConfig}
 */
export default function nextConfig(phase) {
  const isBuild = phase === PHASE_PRODUCTION_BUILD
  if (isBuild) configureBuildWorkers()
  return {
    // The dev server renders on request (it serves posts as they are saved); only a build exports.
    output: isBuild ? 'export' : undefined,
    // Routes named route.dev.ts exist under `next dev` only (what a build does in its finishing step instead),
    // and routes named route.build.ts in a build only (what the finishing step reads and removes).
    pageExtensions: phase === PHASE_DEVELOPMENT_SERVER ? ['tsx', 'ts', 'dev.ts'] : isBuild ? ['tsx', 'ts', 'build.ts'] : ['tsx', 'ts'],
    // Next 16 writes an export into a custom distDir (and still builds in .next/): the staging folder the finishing step reads.
    distDir: isBuild ? NEXT_EXPORT_DIR : '.next',
    trailingSlash: true,
    reactStrictMode: true,
    poweredByHeader: false,
    experimental: {
      // Two prerender workers: at 1,000 posts `next build` took 76-86 s against 99-101 s with the default (one on two cores).
      cpus: 2,
      // On by default, it has every prerender render each route segment's prefetch data once more and gzip it,
      // to decide which segments Next's client router fetches together. No page ships that router (the
      // finishing step strips it), and out/ is byte for byte the same without it: at 1,000 posts, every page
      // rendered, "Generating static pages" took 16.3 s against 29.1 s.
      prefetchInlining: !isBuild,
    },
    // This folder is the project, even when a copy of it (the e2e fixture site) sits inside with its own lock file.
    turbopack: { root: import.meta.dirname },
    // pagefind runs its own binary from its package folder; bundling it would lose that path.
    serverExternalPackages: ['pagefind'],
    // Next writes the build ID into every page's payload, so each build's pages differ from the last one's in
    // bytes that never ship (the finishing step strips the payload). Fixed, an unchanged page is byte for byte
    // the same, and the finishing step's cache (keyed on those bytes) skips it.
    generateBuildId: () => 'static-export',
    // `npm test` type-checks once (npm run typecheck); a second pass inside every build only costs time.
    typescript: { ignoreBuildErrors: true },
    // The instant this build publishes against, frozen into every bundle, so pages and feeds agree on which
    // scheduled posts are out. lib/posts reads it.
    env: { BLOG_NOW: process.env.BLOG_NOW || new Date().toISOString() },
  }
}
