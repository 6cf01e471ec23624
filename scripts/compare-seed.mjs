#!/usr/bin/env node
/**
 * Compares our distributed-systems feed with the live Hugo feed (e2e/fixtures/hugo, as Hugo wrote it),
 * field by field, and prints the result; exits 1 on any difference. e2e/feed.spec.ts asserts the same.
 *   node scripts/compare-seed.mjs [out/tags/distributed-systems/index.xml | http://127.0.0.1:3000/tags/distributed-systems/index.xml]
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { XMLParser } from 'fast-xml-parser'

/** @typedef {{ title?: string, link?: string, guid?: string | { '#text'?: string }, pubDate?: string, description?: string }} Item */
/** @typedef {Record<string, unknown> & { lastBuildDate?: string, item: Item[] }} Channel */

const SEED = join(import.meta.dirname, '..', 'e2e', 'fixtures', 'hugo', 'distributed-systems-feed.xml')
const source = process.argv[2] ?? 'out/tags/distributed-systems/index.xml'
// htmlEntities: numeric character references such as &#39; are XML too, and must decode exactly once.
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, trimValues: true, htmlEntities: true })

/**
 * The feed's channel, its items always a list (a feed of one item parses to an object).
 * @param {string} text
 * @returns {Channel}
 */
function channelOf(text) {
  const channel = parser.parse(text).rss.channel
  const items = channel.item === undefined ? [] : Array.isArray(channel.item) ? channel.item : [channel.item]
  return { ...channel, item: items }
}
const text = source.startsWith('http') ? await (await fetch(source)).text() : readFileSync(source, 'utf8')
const seed = channelOf(readFileSync(SEED, 'utf8'))
const ours = channelOf(text)
/** @param {Item['guid']} value */
const guid = (value) => (typeof value === 'object' ? value['#text'] : value)
/** @param {string | undefined} value */
function instant(value) {
  const date = new Date(value ?? '')
  return Number.isNaN(date.getTime()) ? `not a date: ${value}` : date.toISOString()
}

let differences = 0
/**
 * @param {string} label
 * @param {boolean} equal
 */
function check(label, equal) {
  if (!equal) differences++
  console.log(`${equal ? 'equal    ' : 'DIFFERENT'} ${label}`)
}
for (const field of ['title', 'link', 'description', 'language']) check(`channel ${field}`, seed[field] === ours[field])
check('channel lastBuildDate', instant(seed.lastBuildDate) === instant(ours.lastBuildDate))
check('channel atom:link self', JSON.stringify(seed['atom:link']) === JSON.stringify(ours['atom:link']))
check(`item count (${seed.item.length} in the seed, ${ours.item.length} ours)`, seed.item.length === ours.item.length)
seed.item.forEach((item, index) => {
  /** @type {Item} */
  const other = ours.item[index] ?? {}
  const equal =
    item.title === other.title &&
    item.link === other.link &&
    guid(item.guid) === guid(other.guid) &&
    instant(item.pubDate) === instant(other.pubDate) &&
    item.description === other.description
  check(`item ${index + 1} title, link, guid, pubDate, description: ${item.title}`, equal)
})
console.log(differences === 0 ? 'The feed matches the live Hugo feed.' : `${differences} difference(s).`)
process.exit(differences === 0 ? 0 : 1)
