/** The reader's theme choice: stored in localStorage, applied as <html data-theme> before first paint. */

export const THEME_STORAGE_KEY = 'theme'

/**
 * Runs inline in <head>, before the page paints, so a stored choice never flashes the other theme.
 * Kept tiny and constant: its hash is what the Content-Security-Policy allows.
 */
export const THEME_INIT_SCRIPT = `try{var t=localStorage.getItem('${THEME_STORAGE_KEY}');if(t==='light'||t==='dark')document.documentElement.dataset.theme=t}catch(e){}`
