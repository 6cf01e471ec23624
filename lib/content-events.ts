/**
 * Under `next dev` only: tells each open page when contentlayer2 dev has finished a pass, so a saved post
 * shows without Next recompiling anything (lib/content-source.ts says why the pass stamp is not imported).
 * app/dev-content-events/route.dev.ts serves the stream and app/layout.tsx adds the listener, in dev only.
 */
import { unwatchFile, watchFile } from 'node:fs'

/** Where the dev server streams the passes; no build has this route (next.config.mjs, pageExtensions). */
export const CONTENT_EVENTS_PATH = '/dev-content-events/'

/**
 * Server-sent events: the current pass on connecting, then each new one as `stampFile` is rewritten, until
 * `signal` aborts (the page went away). A pass already sent is not sent again: a rewrite may be seen twice.
 */
export function streamContentPasses(stampFile: string, readPass: () => string, signal: AbortSignal): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  let sent: string | undefined
  let stop = () => {}
  return new ReadableStream({
    start(controller) {
      const sendIfNew = () => {
        const pass = readPass()
        if (pass === sent) return
        sent = pass
        controller.enqueue(encoder.encode(`data: ${pass}\n\n`))
      }
      // Polled, not watched with fs.watch: a watch ends silently when .contentlayer is deleted and made
      // again (\`rm -rf .contentlayer\` while dev runs); a stat every 50 ms goes on, and costs nothing.
      watchFile(stampFile, { interval: STAMP_POLL_MS }, sendIfNew)
      stop = () => {
        unwatchFile(stampFile, sendIfNew)
        signal.removeEventListener('abort', stop)
        try {
          controller.close()
        } catch {
          // already closed by the reader
        }
      }
      signal.addEventListener('abort', stop, { once: true })
      sendIfNew()
    },
    cancel() {
      stop()
    },
  })
}

/** How often the stamp is looked at: well under the time a pass takes, so a page hears of it at once. */
const STAMP_POLL_MS = 50

/**
 * The listener for a page rendered from `renderedPass`: on a newer pass it asks Next's router to render the
 * page again from the server (what Next's own hot reload does, keeping scroll and focus), or reloads it where
 * that router is not exposed. EventSource reconnects by itself after the dev server restarts.
 */
export function contentReloadScript(renderedPass: string): string {
  return `(function(){var shown=${toScriptLiteral(renderedPass)};new EventSource(${toScriptLiteral(CONTENT_EVENTS_PATH)}).onmessage=function(event){if(event.data===shown)return;shown=event.data;var router=window.next&&window.next.router;if(router&&router.refresh)router.refresh();else location.reload()}})()`
}

/** A JavaScript string literal that cannot end the inline <script> it sits in. */
function toScriptLiteral(text: string): string {
  return JSON.stringify(text).replaceAll('<', '\\u003c')
}
