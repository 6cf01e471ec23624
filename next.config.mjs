/**
 * NEXT_OUTPUT=export (`npm run export`) writes the static export to out/ (Next writes an export into
 * distDir), so it never overwrites the server build in .next/ that `npm start` serves.
 * @type {import('next').NextConfig}
 */
const isExport = process.env.NEXT_OUTPUT === 'export'

const nextConfig = {
  trailingSlash: true,
  reactStrictMode: true,
  poweredByHeader: false,
  // This folder is the project, even when a copy of it (the e2e fixture site) sits inside with its own lock file.
  turbopack: { root: import.meta.dirname },
  // pagefind runs its own binary from its package folder; bundling it would lose that path.
  serverExternalPackages: ['pagefind'],
  output: isExport ? 'export' : undefined,
  distDir: isExport ? 'out' : '.next',
  // The instant this build publishes against, frozen into every bundle, so pages, feeds and the proxy
  // (which runs later, under `next start`) agree on which scheduled posts are out. lib/posts reads it.
  env: { BLOG_NOW: process.env.BLOG_NOW || new Date().toISOString() },
}

export default nextConfig
