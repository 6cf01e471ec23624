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
  // server.mjs compresses, after it has hashed the uncompressed HTML for the Content-Security-Policy.
  compress: false,
  output: isExport ? 'export' : undefined,
  distDir: isExport ? 'out' : '.next',
}

export default nextConfig
