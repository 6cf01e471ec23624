/**
 * NEXT_OUTPUT=export writes the static export (out/) for static hosts; otherwise `next start` serves the build.
 * @type {import('next').NextConfig}
 */
const nextConfig = {
  trailingSlash: true,
  reactStrictMode: true,
  poweredByHeader: false,
  output: process.env.NEXT_OUTPUT === 'export' ? 'export' : undefined,
}

export default nextConfig
