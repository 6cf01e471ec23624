/**
 * ESLint 9 flat config: Next's core-web-vitals and TypeScript rules, typescript-eslint's recommended set,
 * and the content-model boundary of STYLE.md: only lib/posts.ts and its source module read generated content.
 */
import { defineConfig, globalIgnores } from 'eslint/config'
import nextVitals from 'eslint-config-next/core-web-vitals'
import nextTypeScript from 'eslint-config-next/typescript'

const GENERATED_CONTENT = {
  paths: [{ name: 'contentlayer/generated', message: 'Read posts through @/lib/posts: it validates, filters drafts and sorts once.' }],
  patterns: [
    { group: ['**/.contentlayer/**'], message: 'Read posts through @/lib/posts.' },
    { group: ['@/lib/content-source', '**/content-source'], message: 'Only lib/posts.ts reads the content source; import @/lib/posts.' },
  ],
}

export default defineConfig([
  ...nextVitals,
  ...nextTypeScript,
  {
    rules: {
      'no-restricted-imports': ['error', GENERATED_CONTENT],
      // No client router: navigation is the browser's own, made instant by Speculation Rules (lib/inline-scripts.mjs).
      '@next/next/no-html-link-for-pages': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    // The model and its source; their fixtures stand in for them in unit tests.
    files: ['lib/posts.ts', 'lib/content-source.ts', 'lib/__fixtures__/**', 'vitest.config.mts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // Post images are rendered once, at content build time, by our own components: next/image has no part in it.
    files: ['lib/mdx/**'],
    rules: { '@next/next/no-img-element': 'off' },
  },
  globalIgnores([
    '.next/**',
    'out/**',
    'out',
    '.builds/**',
    '.next-export/**',
    '.contentlayer/**',
    '.fixture-site/**',
    '.fixture-dev/**',
    'next-env.d.ts',
    'bench/results/**',
  ]),
])
