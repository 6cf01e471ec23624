/**
 * The page background of each theme, for <meta name="theme-color"> and the web app manifest: the browser's
 * own chrome then matches the page. app/globals.css holds the same two values as --bg (CSS cannot import them).
 */
export const THEME_COLOURS = { light: '#ffffff', dark: '#111418' } as const
