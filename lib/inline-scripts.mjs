/**
 * The only inline scripts a page may carry, as constants: the Content-Security-Policy allows each by its
 * SHA-256 (lib/http-rules.mjs), and the build's finishing step keeps these and drops every other script.
 * Plain JavaScript so that server.mjs and the nginx renderer, which run under bare Node, share them.
 */

/** The attribute that marks a script as ours, so the finishing step's allowlist keeps it. */
export const OUR_SCRIPT_ATTRIBUTE = 'data-blog-script'

/** Where the reader's theme choice is kept. */
export const THEME_STORAGE_KEY = 'theme'

/** The theme toggle's script, a file the browser caches once for every page. */
export const THEME_TOGGLE_SCRIPT = '/theme.js'

/**
 * Runs in <head> before the body paints, so a stored choice never flashes the other theme. The toggle's own
 * script (public/theme.js) is fetched once the page has loaded: nothing a reader needs to read waits for it,
 * and its work never lands in the page's first paint (Lighthouse counted it as blocking time).
 */
export const THEME_SCRIPT = `try{var t=localStorage.getItem('${THEME_STORAGE_KEY}');if(t==='light'||t==='dark')document.documentElement.dataset.theme=t}catch(e){}addEventListener('load',function(){var s=document.createElement('script');s.src='${THEME_TOGGLE_SCRIPT}';document.head.appendChild(s)})`

/**
 * Links to pages: every same-origin link but those to a file (feeds, images, the sitemap: their paths have a
 * dot; page paths never do) and to search, whose page loads its engine.
 */
const PAGE_LINKS = { and: [{ href_matches: '/*' }, { not: { selector_matches: "[href*='.'],[href^='/search/']" } }] }

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
