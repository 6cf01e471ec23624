/**
 * Under `next dev` only: tells each open page when contentlayer2 dev has finished a pass, so a saved post
 * shows without Next recompiling anything (lib/content-source.ts says why the pass stamp is not imported).
 * app/dev-content-events/route.dev.ts serves the stream and app/layout.tsx adds the listener, in dev only.
 */
import { unwatchFile, watch, watchFile, type FSWatcher } from 'node:fs'
import { basename, dirname } from 'node:path'

/** Where the dev server streams the passes; no build has this route (next.config.mjs, pageExtensions). */
export const CONTENT_EVENTS_PATH = '/dev-content-events/'

/**
 * Server-sent events: the current pass on connecting, then each new one as `stampFile` is rewritten, until
 * `signal` aborts (the page went away). A pass already sent is not sent again: a rewrite may be seen twice.
 */
export function streamContentPasses(stampFile: string, readPass: () => string, signal: AbortSignal, pollMs = STAMP_POLL_MS): ReadableStream<Uint8Array> {
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
      // The stamp's folder is watched, so a pass is sent as soon as it is written: on a small site the
      // whole save-to-page loop is about a quarter of a second, and a poll alone added half its interval.
      // A watch ends silently when .contentlayer is deleted and made again (`rm -rf .contentlayer` while dev
      // runs), so the stamp is also polled, which goes on regardless and watches the new folder.
      let folderWatch: FSWatcher | undefined
      const watchFolder = () => {
        folderWatch?.close()
        try {
          folderWatch = watch(dirname(stampFile), (_event, name) => name === basename(stampFile) && sendIfNew())
          folderWatch.on('error', () => folderWatch?.close())
        } catch {
          folderWatch = undefined // no folder yet: the poll watches it once it is made
        }
      }
      const onPoll = () => {
        watchFolder()
        sendIfNew()
      }
      watchFile(stampFile, { interval: pollMs }, onPoll)
      watchFolder()
      stop = () => {
        unwatchFile(stampFile, onPoll)
        folderWatch?.close()
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

/** How often the stamp is polled besides the watch: a stat every 50 ms costs nothing. */
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
