/**
 * The benchmark corpus: the 13 real posts plus seeded, generated ones, so every run and every machine
 * builds the same bytes. Generated prose is plain MDX-safe Markdown (no raw `<`, `>`, `{`, `}` outside
 * code), while titles carry `& < > " '`, `—` and accents to exercise escaping in pages and feeds.
 */
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { tagSlug } from '../lib/urls'

/** The seed every run uses unless told otherwise. */
export const DEFAULT_SEED = 20261125

/** About forty tags, as slugs, the way authors write them. */
export const TAG_POOL = [
  'distributed-systems',
  'go',
  'kafka',
  'finance',
  'observability',
  'reliability',
  'architecture',
  'databases',
  'consistency',
  'grpc',
  'regulation',
  'data-engineering',
  'career',
  'typescript',
  'rust',
  'java',
  'postgres',
  'networking',
  'security',
  'testing',
  'performance',
  'caching',
  'event-sourcing',
  'messaging',
  'kubernetes',
  'cloud',
  'latency',
  'trading',
  'risk',
  'compliance',
  'tracing',
  'logging',
  'metrics',
  'storage',
  'queues',
  'serialization',
  'apis',
  'concurrency',
  'scheduling',
  'incident-response',
] as const

/** Mulberry32: tiny, fast and good enough to spread words and dates; returns floats in [0, 1). */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

type Random = () => number

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T
}

function between(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1))
}

const SUBJECTS = [
  'Order Books',
  'Idempotency Keys',
  'Consensus',
  'Back-pressure',
  'Clock Skew',
  'Settlement',
  'Retries',
  'Event Logs',
  'Circuit Breakers',
  'Schema Registries',
  'Rate Limits',
  'Read Replicas',
  'Sagas',
  'Ledgers',
  'Market Data',
  'Tail Latency',
  'Cache Stampedes',
  'Dead-letter Queues',
  'Feature Flags',
  'Leader Election',
]
const TITLE_SHAPES: ReadonlyArray<(a: string, b: string) => string> = [
  (a, b) => `${a} & ${b}: What "Exactly Once" Really Means`,
  (a, b) => `Why ${a} < ${b} — and When It Isn't`,
  (a, b) => `${a} > ${b}? Notes from the Café Near the Exchange`,
  (a, b) => `The Naïve Guide to ${a} and ${b}`,
  (a, b) => `'${a}' Is Not '${b}': a Post-mortem from Zürich`,
  (a, b) => `${a} — Lessons from São Paulo's ${b}`,
]
const WORDS = (
  'system service request latency throughput partition replica leader follower offset ledger trade order ' +
  'book venue client server queue consumer producer broker message event stream batch window timeout retry ' +
  'budget deadline cancellation trace span metric log alert dashboard incident review deploy rollout canary ' +
  'schema version field contract boundary team owner runbook failure recovery checkpoint snapshot index ' +
  'query transaction isolation lock conflict merge clock drift region zone network packet socket buffer ' +
  'memory allocation garbage pause cache eviction key value shard tenant quota limit cost risk position ' +
  'price quote settlement report regulator audit record evidence invariant guarantee assumption trade-off'
).split(' ')
const CONNECTIVES = ['because', 'although', 'so', 'while', 'until', 'unless', 'and', 'but', 'whenever', 'after']
const LINK_TARGETS = [
  'https://kafka.apache.org/documentation/',
  'https://go.dev/doc/',
  'https://opentelemetry.io/docs/',
  'https://www.postgresql.org/docs/',
  'https://grpc.io/docs/',
  'https://martin.kleppmann.com/',
]
const CODE_BLOCKS: ReadonlyArray<readonly [string, string]> = [
  [
    'go',
    'func (s *Server) Handle(ctx context.Context, req *Request) (*Response, error) {\n\tctx, cancel := context.WithTimeout(ctx, 250*time.Millisecond)\n\tdefer cancel()\n\tif err := s.limiter.Wait(ctx); err != nil {\n\t\treturn nil, fmt.Errorf("rate limited: %w", err)\n\t}\n\treturn s.next.Handle(ctx, req)\n}',
  ],
  [
    'ts',
    'export async function withRetry<T>(attempt: () => Promise<T>, tries = 3): Promise<T> {\n  for (let i = 1; ; i++) {\n    try {\n      return await attempt()\n    } catch (error) {\n      if (i >= tries) throw error\n      await new Promise((resolve) => setTimeout(resolve, 2 ** i * 100))\n    }\n  }\n}',
  ],
  [
    'java',
    'Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();\nfor (ConsumerRecord<String, Trade> rec : records) {\n    producer.send(new ProducerRecord<>("positions", rec.key(), apply(rec.value())));\n    offsets.put(new TopicPartition(rec.topic(), rec.partition()), new OffsetAndMetadata(rec.offset() + 1));\n}\nproducer.sendOffsetsToTransaction(offsets, "position-keeper");',
  ],
  [
    'sql',
    "SELECT book_id, sum(quantity * price) AS exposure\nFROM positions\nWHERE as_of <= now() - interval '5 minutes'\nGROUP BY book_id\nHAVING sum(quantity * price) > 1000000;",
  ],
  [
    'python',
    'def settle(trades: list[dict]) -> dict[str, float]:\n    totals: dict[str, float] = {}\n    for trade in trades:\n        totals[trade["account"]] = totals.get(trade["account"], 0.0) + trade["amount"]\n    return {k: round(v, 2) for k, v in totals.items() if v != 0}',
  ],
  ['yaml', 'consumer:\n  group: position-keeper\n  isolation: read_committed\n  max-poll-records: 500\nretry:\n  attempts: 3\n  backoff: 200ms'],
]
/** Hugo files a post by the year and month in its own offset; these spread posts across that edge. */
const OFFSETS = ['+00:00', '-05:00', '+05:30', '+09:00', '-08:00', '+01:00', '-03:00', '+10:00']

function sentence(random: Random): string {
  const words = Array.from({ length: between(random, 6, 14) }, () => pick(random, WORDS))
  words.splice(between(random, 2, words.length - 2), 0, pick(random, CONNECTIVES))
  if (random() < 0.15) words.splice(between(random, 1, words.length - 1), 0, `\`${pick(random, WORDS)}_${pick(random, WORDS)}\``)
  const text = words.join(' ')
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`
}

function paragraph(random: Random): string {
  const sentences = Array.from({ length: between(random, 3, 6) }, () => sentence(random))
  if (random() < 0.4) {
    const index = between(random, 0, sentences.length - 1)
    sentences[index] = `${sentences[index]} See [the ${pick(random, WORDS)} notes](${pick(random, LINK_TARGETS)}) for details.`
  }
  return sentences.join(' ')
}

function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length
}

export type GeneratedPost = {
  /** The file name without .mdx: the permalink's last segment. */
  slug: string
  title: string
  /** The whole file: frontmatter and MDX body. */
  source: string
}

/** "2019-07-04T09:30:00+05:30": a date between 2012 and October 2026 in one of several offsets. */
function buildDate(random: Random): string {
  const year = between(random, 2012, 2026)
  const month = year === 2026 ? between(random, 1, 10) : between(random, 1, 12)
  const pad = (value: number) => String(value).padStart(2, '0')
  return `${year}-${pad(month)}-${pad(between(random, 1, 28))}T${pad(between(random, 0, 23))}:${pad(between(random, 0, 59))}:00${pick(random, OFFSETS)}`
}

/** Generated post number `index` (0-based) for this seed: the same input always gives the same bytes. */
export function buildPost(index: number, seed: number = DEFAULT_SEED): GeneratedPost {
  const random = createRandom(seed + index * 7919)
  const title = pick(random, TITLE_SHAPES)(pick(random, SUBJECTS), pick(random, SUBJECTS))
  const slug = `${tagSlug(title)}-${index + 1}`
  const tags = [...new Set(Array.from({ length: between(random, 1, 4) }, () => pick(random, TAG_POOL)))]
  const description = `${sentence(random)} ${sentence(random)}`
  const targetWords = between(random, 600, 1200)
  const [language, code] = pick(random, CODE_BLOCKS)
  const codeAt = between(random, 1, 3)
  const blocks: string[] = [paragraph(random), paragraph(random)]
  let words = countWords(blocks.join(' '))
  for (let section = 1; words < targetWords; section++) {
    const heading = `## ${sentence(random).replace(/\.$/, '')}`
    const body = [paragraph(random), paragraph(random)]
    if (section === codeAt) body.push(`\`\`\`${language}\n${code}\n\`\`\``)
    if (section % 2 === 0) body.push(Array.from({ length: between(random, 3, 5) }, () => `- ${sentence(random)}`).join('\n'))
    if (section % 3 === 0) body.push(`### ${pick(random, SUBJECTS)} in ${tagSlug(pick(random, TAG_POOL))}\n\n${paragraph(random)}`)
    blocks.push(heading, ...body)
    words = countWords(blocks.join(' '))
  }
  if (!blocks.some((block) => block.startsWith('```'))) blocks.push(`\`\`\`${language}\n${code}\n\`\`\``)
  blocks.push(`More on [${tags[0]}](/tags/${tags[0]}/).`)
  // JSON strings are valid YAML double-quoted scalars, so quotes, `&` and `<` need no hand escaping.
  const frontmatter = [
    '---',
    `title: ${JSON.stringify(title)}`,
    `date: ${buildDate(random)}`,
    `description: ${JSON.stringify(description)}`,
    `tags: [${tags.join(', ')}]`,
    '---',
  ].join('\n')
  return { slug, title, source: `${frontmatter}\n\n${blocks.join('\n\n')}\n` }
}

export type CorpusOptions = {
  /** Total posts, the real ones included: 13 gives the real posts only. */
  count: number
  /** The folder to create; it receives posts/*.mdx, as CONTENT_DIR expects. */
  contentDir: string
  /** Where the real posts are (content/posts). */
  realPostsDir: string
  seed?: number
}

/** Writes the corpus (real posts first, then generated) into contentDir/posts; returns the slugs written. */
export function writeCorpus(options: CorpusOptions): string[] {
  const postsDir = join(options.contentDir, 'posts')
  rmSync(postsDir, { recursive: true, force: true })
  mkdirSync(postsDir, { recursive: true })
  const real = readdirSync(options.realPostsDir)
    .filter((file) => file.endsWith('.mdx'))
    .sort()
  const slugs: string[] = []
  for (const file of real.slice(0, options.count)) {
    copyFileSync(join(options.realPostsDir, file), join(postsDir, file))
    slugs.push(file.replace(/\.mdx$/, ''))
  }
  for (let index = 0; slugs.length < options.count; index++) {
    const post = buildPost(index, options.seed)
    writeFileSync(join(postsDir, `${post.slug}.mdx`), post.source)
    slugs.push(post.slug)
  }
  return slugs
}
