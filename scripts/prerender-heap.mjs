/**
 * Preloaded into `next build` (next.config.mjs adds it to NODE_OPTIONS for a build, and Next passes that on
 * to its workers). In the prerender workers it lets V8's heap grow only 20% past what a collection left
 * live, where V8 alone lets it grow several times over when no limit is near.
 *
 * Why: Next removes `--max-old-space-size` from its prerender workers (`isolatedMemory` in its
 * `createStaticWorker`), so a worker's heap has no cap, and each kept garbage until it neared 1,100 MiB. At
 * 5,000 posts that took `next build` to 2,527 MiB; with this, 1,792–1,886 MiB, in a prerendering time inside
 * the runs' own spread (bench/README, "Latest results at 5,000 posts"). `--heap-growing-percent` cannot be given in NODE_OPTIONS,
 * and V8 reads it each time it sets the next collection's threshold, so setting it at start-up is enough.
 */
import { setFlagsFromString } from 'node:v8'

if (process.env.IS_NEXT_WORKER === 'true') setFlagsFromString('--heap-growing-percent=20')
