/**
 * KaTeX's stylesheet and fonts, served from this site (the CSP allows styles and fonts from 'self' only) by
 * app/katex/[...file]/route.ts, and linked only from pages whose post has math. The files come from the
 * installed katex package, the same version rehype-katex typeset the posts with. Only the WOFF2 fonts
 * are served: every browser that runs this site reads WOFF2, so the WOFF and TTF fallbacks are dropped from the CSS.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const KATEX_DIR = join(/* turbopackIgnore: true */ process.cwd(), 'node_modules', 'katex')

/** KaTeX's version, in the URLs, so a KaTeX upgrade never meets a cached stylesheet or font of the previous one. */
export const KATEX_VERSION = (JSON.parse(readFileSync(join(KATEX_DIR, 'package.json'), 'utf8')) as { version: string }).version

/** Site-root folder of KaTeX's files. */
export const KATEX_PATH = `/katex/${KATEX_VERSION}/`

/** Site-root URL of KaTeX's stylesheet: linked by post pages that have math. */
export const KATEX_STYLESHEET = `${KATEX_PATH}katex.min.css`

/** KaTeX's CSS with only WOFF2 sources (URLs stay relative: fonts/…, beside the stylesheet). */
export function buildKatexCss(css: string): string {
  return css.replace(/,url\(fonts\/[^)]+\.(?:woff|ttf)\) format\("(?:woff|truetype)"\)/g, '')
}

let files: Map<string, { bytes: Buffer; type: string }> | undefined

/** Every file under KATEX_PATH, by path below it ("katex.min.css", "fonts/KaTeX_Main-Regular.woff2"). */
export function getKatexFiles(): ReadonlyMap<string, { bytes: Buffer; type: string }> {
  if (!files) {
    const dist = join(KATEX_DIR, 'dist')
    files = new Map([
      ['katex.min.css', { bytes: Buffer.from(buildKatexCss(readFileSync(join(dist, 'katex.min.css'), 'utf8'))), type: 'text/css; charset=utf-8' }],
    ])
    for (const name of readdirSync(join(dist, 'fonts'))
      .filter((font) => font.endsWith('.woff2'))
      .sort()) {
      files.set(`fonts/${name}`, { bytes: readFileSync(join(dist, 'fonts', name)), type: 'font/woff2' })
    }
  }
  return files
}
