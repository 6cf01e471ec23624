/**
 * NEXT_OUTPUT=export (`npm run export`) writes the static export to out/, building in its own folder
 * so it never overwrites the server build that `npm start` serves.
 * @type {import('next').NextConfig}
 */
const isExport = process.env.NEXT_OUTPUT === 'export'

const nextConfig = {
  trailingSlash: true,
  reactStrictMode: true,
  poweredByHeader: false,
  output: isExport ? 'export' : undefined,
  distDir: isExport ? '.next-export' : '.next',
}

export default nextConfig
