/**
 * The only inline scripts a page may carry, as constants: the Content-Security-Policy allows each by its
 * SHA-256 (lib/http-rules.mjs), and the build's finishing step keeps these and drops every other script.
 * Plain JavaScript so that server.mjs and the nginx renderer, which run under bare Node, share them.
 */

/** The attribute that marks a script as ours, so the finishing step's allowlist keeps it. */
export const OUR_SCRIPT_ATTRIBUTE = 'data-blog-script'

/** Where the reader's theme choice is kept. */
export const THEME_STORAGE_KEY = 'theme'

/**
 * Runs in <head> before the body paints, so a stored choice never flashes the other theme. Once the page
 * has parsed it shows the theme toggle (hidden in the markup: without JavaScript there is no toggle) and
 * wires it: a click switches theme and remembers the choice where storage allows.
 */
export const THEME_SCRIPT = `(function(){var d=document.documentElement,k='${THEME_STORAGE_KEY}';function get(){try{return localStorage.getItem(k)}catch(e){return null}}var t=get();if(t==='light'||t==='dark')d.dataset.theme=t;function now(){var c=d.dataset.theme;return c==='light'||c==='dark'?c:matchMedia('(prefers-color-scheme: dark)').matches?'dark':'light'}document.addEventListener('DOMContentLoaded',function(){var b=document.querySelector('.theme-toggle');if(!b)return;function show(){var dark=now()==='dark';b.setAttribute('aria-label','Switch to '+(dark?'light':'dark')+' theme');b.textContent=dark?'\\u2600\\ufe0e Light':'\\u263e Dark';b.hidden=false}b.addEventListener('click',function(){var n=now()==='dark'?'light':'dark';d.dataset.theme=n;try{localStorage.setItem(k,n)}catch(e){}show()});show()})})()`

/** Same-origin paths that are not pages: never prefetched or prerendered. */
const NOT_PAGES = [
  '/*.xml',
  '/*.json',
  '/*.xsl',
  '/*.txt',
  '/*.png',
  '/*.jpg',
  '/*.jpeg',
  '/*.gif',
  '/*.webp',
  '/*.avif',
  '/*.svg',
  '/*.ico',
  '/search/*',
  '/pagefind/*',
  '/_next/*',
]

const PAGE_LINKS = { and: [{ href_matches: '/*' }, { not: { href_matches: NOT_PAGES } }] }

/**
 * Speculation Rules instead of a client router: a page link the reader hovers (moderate eagerness) is
 * prerendered, and prefetched too (Chromium skips prerendering under DevTools and on low memory; the
 * prefetch still makes the click instant). Feeds, search and images are left out.
 */
export const SPECULATION_RULES = JSON.stringify({
  prerender: [{ where: PAGE_LINKS, eagerness: 'moderate' }],
  prefetch: [{ where: PAGE_LINKS, eagerness: 'moderate' }],
})

/** Every inline script text a page may execute, for the policy's hashes. */
export const INLINE_SCRIPTS = Object.freeze([THEME_SCRIPT, SPECULATION_RULES])
