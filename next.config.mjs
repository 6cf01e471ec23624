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
  // server.mjs compresses, after it has hashed the uncompressed HTML for the Content-Security-Policy.
  compress: false,
  output: isExport ? 'export' : undefined,
  distDir: isExport ? 'out' : '.next',
}

export default nextConfig
