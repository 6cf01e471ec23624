/**
 * NEXT_OUTPUT=export (`npm run export`) writes the static export to out/. Next 16 treats a custom distDir as
 * the export's destination only: the build itself still happens in .next/, replacing any server build there.
 * Run `npm run build` after an export (or in another checkout) before `npm start`.
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
  // server.mjs compresses, after it has hashed the uncompressed HTML for the Content-Security-Policy.
  compress: false,
  output: isExport ? 'export' : undefined,
  distDir: isExport ? 'out' : '.next',
  // The instant this build publishes against, frozen into every bundle, so pages, feeds and the proxy
  // (which runs later, under `next start`) agree on which scheduled posts are out. lib/posts reads it.
  env: { BLOG_NOW: process.env.BLOG_NOW || new Date().toISOString() },
}

export default nextConfig
