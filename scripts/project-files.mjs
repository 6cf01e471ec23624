/**
 * What a build of the site reads, relative to the project root: the files a scratch copy needs
 * (scripts/fixture-site.mjs for the e2e fixture site, bench/scratch.ts for the benchmark) beside node_modules.
 */
export const PROJECT_FILES = Object.freeze([
  'app',
  'lib',
  'public',
  'content',
  'scripts',
  'deploy',
  'contentlayer.config.ts',
  'next.config.mjs',
  'server.mjs',
  'tsconfig.json',
  'package.json',
  'package-lock.json',
])
