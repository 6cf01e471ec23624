import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: {
    alias: {
      // Unit tests never need a content build: they run against fixture posts.
      // This entry must come before '@', which would otherwise resolve it to the real reader.
      '@/lib/content-source': fileURLToPath(new URL('./lib/__fixtures__/content-source.ts', import.meta.url)),
      'contentlayer/generated': fileURLToPath(new URL('./lib/__fixtures__/generated.ts', import.meta.url)),
      '@': fileURLToPath(new URL('./', import.meta.url)),
    },
  },
  test: {
    include: ['lib/**/*.test.ts', 'lib/**/*.test.tsx', 'lib/**/*.test.mjs', 'scripts/**/*.test.mjs', 'deploy/**/*.test.mjs', 'bench/**/*.test.ts'],
    environment: 'node',
  },
})
