#!/usr/bin/env node
/**
 * Renders the nginx configuration of the site from lib/http-rules.mjs, the table `npm start` applies too:
 *
 *   node deploy/render-nginx.mjs --root /srv/blog/out --listen 80 --dest /etc/nginx/conf.d [--no-brotli]
 *
 * writes blog.conf (a server block for nginx's http {} context) and blog-redirects.map (the export's
 * _redirects as 301s; render again, then `nginx -s reload`, after a build that changes them). Nothing in the
 * configuration is written by hand: deploy/nginx.conf is this script's output for the paths above
 * (`node deploy/render-nginx.mjs --example` writes it), kept in git so it can be read, and a unit test fails
 * when it drifts from the table.
 * brotli_static needs the ngx_brotli module (Debian: libnginx-mod-http-brotli-static); --no-brotli leaves it
 * out, and nginx then sends the .gz files (gzip_static is built in).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  BROWSER_VIEWABLE_FEEDS,
  CONTENT_TYPES,
  DEFAULT_CONTENT_TYPE,
  ERROR_CACHE_CONTROL,
  FEED_CONTENT_TYPES,
  FEED_FOR_BROWSER_TYPE,
  HEADER_RULES,
  NOT_FOUND_FILE,
  parseRedirects,
  PREFERS_HTML,
  REDIRECT_CACHE_CONTROL,
  REDIRECT_STATUS,
} from '../lib/http-rules.mjs'

/**
 * A value nginx reads as one double-quoted string; anything else would be a configuration injection.
 * @param {string} value
 */
function quote(value) {
  if (/["\\$\r\n\t{}]/.test(value)) {
    throw new Error(`Cannot write ${JSON.stringify(value)} into the nginx configuration: it contains a quote, backslash, $, brace or line break.`)
  }
  return `"${value}"`
}

/**
 * A regular expression as an nginx map key (PCRE reads the shared dialect HEADER_RULES keeps to).
 * @param {RegExp} pattern
 */
function regexKey(pattern) {
  if (!/^i?$/.test(pattern.flags) || pattern.source.includes('"')) throw new Error(`${pattern} cannot be written as an nginx map key.`)
  return `"~${pattern.flags === 'i' ? '*' : ''}${pattern.source}"`
}

/** "Content-Security-Policy" -> "$blog_content_security_policy". @param {string} name */
const variableOf = (name) => `$blog_${name.toLowerCase().replace(/[^a-z0-9]+/g, '_')}`

/**
 * The headers of every response: a map per header that some rule overrides (first matching rule wins, as
 * getFileHeaders does), a constant for the others. Cache-Control also depends on the status.
 */
function renderHeaderMaps() {
  const defaults = HEADER_RULES[HEADER_RULES.length - 1]
  if (!defaults) throw new Error('HEADER_RULES must end with the catch-all rule.')
  const maps = []
  const directives = []
  for (const [name, value] of Object.entries(defaults.headers)) {
    const overrides = HEADER_RULES.slice(0, -1).filter((rule) => name in rule.headers)
    const cached = name === 'Cache-Control'
    const variable = cached ? '$blog_cache_control_ok' : variableOf(name)
    if (overrides.length === 0 && !cached) {
      directives.push(`    add_header ${name} ${quote(value)} always;`)
      continue
    }
    maps.push(
      [
        `map $uri ${variable} {`,
        `    default ${quote(value)};`,
        ...overrides.map((rule) => `    ${regexKey(rule.files)} ${quote(/** @type {string} */ (rule.headers[name]))};`),
        '}',
      ].join('\n'),
    )
    if (cached) {
      maps.push(
        [
          'map $status $blog_cache_control {',
          ...['200', '206', '304'].map((status) => `    ${status} ${variable};`),
          `    ${REDIRECT_STATUS} ${quote(REDIRECT_CACHE_CONTROL)};`,
          `    default ${quote(ERROR_CACHE_CONTROL)};`,
          '}',
        ].join('\n'),
      )
      directives.push(`    add_header Cache-Control $blog_cache_control always;`)
    } else {
      directives.push(`    add_header ${name} ${variable} always;`)
    }
  }
  return { maps: maps.join('\n'), directives: directives.join('\n') }
}

/** The feeds' locations: their types by file name, and application/xml for a browser (lib/http-rules.mjs). */
function renderFeedLocations() {
  return Object.entries(FEED_CONTENT_TYPES)
    .map(([name, type]) => {
      const viewable = BROWSER_VIEWABLE_FEEDS.includes(name)
      return [
        `    location ~ /${name.replace('.', '\\.')}$ {`,
        '        types { }',
        `        default_type ${quote(type)};`,
        ...(viewable ? ['        if ($blog_feed_for_browser) {', '            rewrite ^ /_feed-as-xml$uri last;', '        }'] : []),
        '    }',
      ].join('\n')
    })
    .join('\n')
}

/**
 * blog.conf for an export at `root`.
 * @param {{ root: string; listen: string; maps: string; brotli: boolean }} options
 * @returns {string}
 */
export function renderNginxConf({ root, listen, maps, brotli }) {
  const headers = renderHeaderMaps()
  const types = Object.entries(CONTENT_TYPES)
    .map(([extension, type]) => `        ${quote(type)} ${extension};`)
    .join('\n')
  return `# Bits, Trades & Systems on nginx: serves the static export out/ (npm run build).
# Rendered by deploy/render-nginx.mjs from lib/http-rules.mjs, the rules \`npm start\` applies too; do not edit
# by hand: change the table, render again (see the script's header), check with nginx -t, then nginx -s reload.
# For nginx's http {} context (Debian: /etc/nginx/conf.d/). TLS, HTTP/2 and Strict-Transport-Security belong
# to the server block that terminates TLS.
#
# Every response header is added once, at server level, from maps: nginx drops all inherited add_header
# directives in a location that has one of its own, which is how security headers get lost.

# The redirect map's keys are paths, longer than nginx's default bucket of 64 bytes allows; this must come
# before the first map. (If your nginx.conf already sets map_hash_bucket_size, keep only the larger value.)
map_hash_bucket_size 512;

${headers.maps}

# A browser opening a feed asks for HTML; it gets the same bytes as application/xml so that it applies
# /feed.xsl (it shows application/rss+xml as raw text). Feed readers get the feed's own type.
map $http_accept $blog_feed_for_browser {
    default 0;
    ${regexKey(PREFERS_HTML)} 1;
}
map $status $blog_allow {
    405 "GET, HEAD";
    default "";
}

include ${maps}/blog-redirects.map;

server {
    listen ${listen};
    root ${root};

    server_tokens off;
    # Redirects carry a path (Location: /tags/go/), right behind any proxy or CDN whatever its host name.
    absolute_redirect off;
    index index.html;
    error_page 404 ${NOT_FOUND_FILE};

    # Types by file name, with their charset, exactly as npm start sends them.
    types {
${types}
    }
    default_type ${DEFAULT_CONTENT_TYPE};
    charset off;

    # The build wrote a .gz${brotli ? ' and a .br' : ''} beside each compressible file: sent as they are, never compressed here.
    gzip off;
    gzip_static on;
${brotli ? '    brotli_static on;\n' : ''}
${headers.directives}
    add_header Allow $blog_allow always;

    # A static site: nothing accepts a body.
    if ($request_method !~ ^(GET|HEAD)$) {
        return 405;
    }
    if ($blog_redirect) {
        return ${REDIRECT_STATUS} $blog_redirect;
    }

    location / {
    }

${renderFeedLocations()}
    location ^~ /_feed-as-xml/ {
        internal;
        alias ${root}/;
        types { }
        default_type ${quote(FEED_FOR_BROWSER_TYPE)};
    }

    # Data for hosts, not pages, and the compressed copies themselves: never served by name.
    location = ${NOT_FOUND_FILE} {
        internal;
    }
    location = /_headers {
        return 404;
    }
    location = /_redirects {
        return 404;
    }
    location ~ \\.(br|gz)$ {
        return 404;
    }
}
`
}

/**
 * The export's _redirects as an nginx map: each old path, with and without its slash, to its new one.
 * @param {string} root
 */
export function renderRedirectsMap(root) {
  const file = join(root, '_redirects')
  const redirects = parseRedirects(existsSync(file) ? readFileSync(file, 'utf8') : '')
  const lines = [...redirects].map(([from, to]) => `    ${quote(from)} ${quote(to)};`)
  return `map $uri $blog_redirect {\n    default "";\n${lines.join('\n')}${lines.length ? '\n' : ''}}\n`
}

/**
 * Writes blog.conf and blog-redirects.map into `dest`; returns the path of blog.conf.
 * @param {{ root: string; listen: string; dest: string; brotli: boolean }} options
 */
export function renderNginx({ root, listen, dest, brotli }) {
  const absoluteRoot = resolve(root)
  const absoluteDest = resolve(dest)
  readFileSync(join(absoluteRoot, 'index.html')) // fails early, naming the file, when there is no build
  mkdirSync(absoluteDest, { recursive: true })
  writeFileSync(join(absoluteDest, 'blog-redirects.map'), renderRedirectsMap(absoluteRoot))
  const site = join(absoluteDest, 'blog.conf')
  writeFileSync(site, renderNginxConf({ root: absoluteRoot, listen, maps: absoluteDest, brotli }))
  return site
}

/** The paths deploy/nginx.conf is rendered for, as the README's deployment steps use them. */
export const EXAMPLE = { root: '/srv/blog/out', listen: '80', maps: '/etc/nginx/conf.d', brotli: true }

/**
 * @param {string[]} argv
 * @returns {{ root: string; listen: string; dest: string; brotli: boolean }}
 */
function readOptions(argv) {
  /** @type {Record<string, string>} */
  const options = {}
  let brotli = true
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] ?? ''
    if (arg === '--no-brotli') {
      brotli = false
      continue
    }
    const name = arg.replace(/^--/, '')
    const value = argv[++index]
    if (!['root', 'listen', 'dest'].includes(name) || value === undefined) {
      throw new Error(
        `Unknown or incomplete option ${JSON.stringify(arg)}; use --root <out folder> --listen <port or address:port> --dest <folder> [--no-brotli].`,
      )
    }
    options[name] = value
  }
  const missing = ['root', 'listen', 'dest'].filter((name) => !options[name])
  if (missing.length > 0) throw new Error(`Missing ${missing.map((name) => `--${name}`).join(', ')}; use --root out --listen 8080 --dest /etc/nginx/conf.d.`)
  return { root: options.root ?? '', listen: options.listen ?? '', dest: options.dest ?? '', brotli }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    if (process.argv[2] === '--example') {
      // deploy/nginx.conf, the rendered configuration kept in git to be read (its test fails when it drifts).
      writeFileSync(fileURLToPath(new URL('nginx.conf', import.meta.url)), renderNginxConf(EXAMPLE))
      console.log('Wrote deploy/nginx.conf.')
      process.exit(0)
    }
    const site = renderNginx(readOptions(process.argv.slice(2)))
    console.log(`Wrote ${site} and blog-redirects.map; check with nginx -t, then nginx -s reload.`)
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error))
    process.exit(1)
  }
}
