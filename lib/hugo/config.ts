/**
 * Reads a Hugo site's configuration the way Hugo does: hugo.* or config.* (TOML, YAML or JSON) at the
 * site root, or a config/_default/ folder whose files are merged (params.toml becomes `params`, and so on).
 * Keys are matched without regard to case, as Hugo matches them.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { extname, join } from 'node:path'
import { parse as parseToml } from 'smol-toml'
import YAML from 'yaml'

/** An error whose message is the whole story: the CLI prints it on one line, without a stack. */
export class ImportError extends Error {}

/** What the importer needs from a Hugo configuration, with Hugo's defaults filled in. */
export type HugoConfig = {
  /** The config file(s) read, relative to the site, for the report. */
  files: string[]
  baseURL: string
  /** The path part of baseURL without its trailing slash: "" for a site at the root, "/blog" under a folder. */
  basePath: string
  /** Section (or "page") -> permalink pattern, e.g. posts -> "/:year/:month/:slug/". */
  permalinks: Record<string, string>
  /** Singular -> plural, e.g. tag -> tags; Hugo's default is tags and categories. */
  taxonomies: Record<string, string>
  /** IANA zone used for dates without an offset, or undefined (UTC). */
  timeZone?: string
  /** Global uglyURLs, or per section. */
  uglyURLs: boolean | Record<string, boolean>
  disablePathToLower: boolean
  contentDir: string
  staticDirs: string[]
  /** params.mainSections when set; otherwise the importer picks the section with most pages, as Hugo does. */
  mainSections?: string[]
  params: Record<string, unknown>
  /** Goldmark's passthrough extension is on: the site writes $…$ math in Markdown. */
  hasMathPassthrough: boolean
  /** Set when the site declares several languages; only the default content is imported. */
  languages: string[]
  /** Pages per pager page: `paginate` (Hugo before 0.128) or `pagination.pagerSize`; Hugo's default is 10. */
  paginate: number
}

const CONFIG_NAMES = ['hugo', 'config']
const CONFIG_EXTENSIONS = ['.toml', '.yaml', '.yml', '.json']

/** Lower-cases every key of plain objects, recursively, as Hugo's config reader does. */
export function lowerKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(lowerKeys)
  if (value && typeof value === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(value))) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key.toLowerCase(), lowerKeys(inner)]))
  }
  return value
}

/** Parses one config or front-matter text by its format; throws the parser's own message. */
export function parseData(text: string, format: 'toml' | 'yaml' | 'json'): Record<string, unknown> {
  const data: unknown = format === 'toml' ? parseToml(text) : format === 'json' ? JSON.parse(text) : YAML.parse(text)
  if (data === null || data === undefined) return {}
  if (typeof data !== 'object' || Array.isArray(data)) throw new Error('is not a table of keys and values')
  return data as Record<string, unknown>
}

function formatOf(file: string): 'toml' | 'yaml' | 'json' {
  const ext = extname(file)
  return ext === '.toml' ? 'toml' : ext === '.json' ? 'json' : 'yaml'
}

function readConfigFile(siteDir: string, relativePath: string): Record<string, unknown> {
  let text: string
  try {
    text = readFileSync(join(siteDir, relativePath), 'utf8')
  } catch (error) {
    throw new ImportError(`cannot read ${join(siteDir, relativePath)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
  }
  try {
    return lowerKeys(parseData(text, formatOf(relativePath))) as Record<string, unknown>
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0]
    throw new ImportError(`cannot parse ${join(siteDir, relativePath)}: ${reason}; fix the file (hugo itself would refuse it)`)
  }
}

function mergeInto(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key]
    if (isTable(existing) && isTable(value)) mergeInto(existing, value)
    else target[key] = value
  }
}

const isTable = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value)

/** The merged raw configuration (keys lower-cased) and the files it came from. */
function readRawConfig(siteDir: string): { raw: Record<string, unknown>; files: string[] } {
  const raw: Record<string, unknown> = {}
  const files: string[] = []
  for (const name of CONFIG_NAMES) {
    const found = CONFIG_EXTENSIONS.map((ext) => `${name}${ext}`).find((file) => existsSync(join(siteDir, file)))
    if (found) {
      mergeInto(raw, readConfigFile(siteDir, found))
      files.push(found)
      break
    }
  }
  const folder = join('config', '_default')
  if (existsSync(join(siteDir, folder))) {
    for (const file of readdirSync(join(siteDir, folder)).sort()) {
      if (!CONFIG_EXTENSIONS.includes(extname(file))) continue
      const base = file.slice(0, -extname(file).length).toLowerCase()
      const data = readConfigFile(siteDir, join(folder, file))
      // hugo.toml and config.toml hold top-level keys; any other file is the table of that name.
      mergeInto(raw, CONFIG_NAMES.includes(base) ? data : { [base]: data })
      files.push(join(folder, file))
    }
  }
  return { raw, files }
}

const asStrings = (value: unknown): string[] | undefined =>
  Array.isArray(value) ? value.map(String) : typeof value === 'string' && value ? [value] : undefined

/** Hugo's pager size: pagination.pagerSize, else the older paginate, else 10 (a value below 1 counts as unset). */
function readPagerSize(raw: Record<string, unknown>): number {
  const pagination = isTable(raw.pagination) ? raw.pagination : {}
  for (const value of [pagination.pagersize, raw.paginate]) {
    const size = Number(value)
    if (value !== undefined && Number.isInteger(size) && size >= 1) return size
  }
  return 10
}

/** Reads and normalises a Hugo site's configuration; throws ImportError with a one-line reason. */
export function readHugoConfig(siteDir: string): HugoConfig {
  let isDir = false
  try {
    isDir = statSync(siteDir).isDirectory()
  } catch {
    isDir = false
  }
  if (!isDir) throw new ImportError(`${siteDir} is not a readable folder; pass the Hugo site's root (the folder holding hugo.toml and content/)`)
  const { raw, files } = readRawConfig(siteDir)
  if (files.length === 0) {
    throw new ImportError(`${siteDir} has no hugo.toml, config.toml (or .yaml, .json) or config/_default/; pass the Hugo site's root`)
  }
  const baseURL = typeof raw.baseurl === 'string' ? raw.baseurl : '/'
  let basePath = ''
  try {
    basePath = new URL(baseURL, 'http://localhost').pathname.replace(/\/+$/, '')
  } catch {
    throw new ImportError(`baseURL "${baseURL}" in ${files.join(', ')} is not a URL; write it like https://example.com/`)
  }

  const permalinks: Record<string, string> = {}
  if (isTable(raw.permalinks)) {
    for (const [key, value] of Object.entries(raw.permalinks)) {
      // Hugo 0.120+ nests patterns by kind: [permalinks.page] posts = "...". Only pages matter here.
      if (key === 'page' && isTable(value)) for (const [section, pattern] of Object.entries(value)) permalinks[section] = String(pattern)
      else if (typeof value === 'string') permalinks[key] ??= value
    }
  }

  let taxonomies: Record<string, string> = { tag: 'tags', category: 'categories' }
  if (isTable(raw.taxonomies)) taxonomies = Object.fromEntries(Object.entries(raw.taxonomies).map(([k, v]) => [k, String(v).toLowerCase()]))

  const timeZone = typeof raw.timezone === 'string' && raw.timezone ? raw.timezone : undefined
  if (timeZone) {
    try {
      new Intl.DateTimeFormat('en', { timeZone })
    } catch {
      throw new ImportError(`timeZone "${timeZone}" in ${files.join(', ')} is not an IANA time zone; write it like Europe/London`)
    }
  }

  let uglyURLs: boolean | Record<string, boolean> = false
  if (typeof raw.uglyurls === 'boolean') uglyURLs = raw.uglyurls
  else if (isTable(raw.uglyurls)) uglyURLs = Object.fromEntries(Object.entries(raw.uglyurls).map(([k, v]) => [k, v === true]))

  const params = isTable(raw.params) ? raw.params : {}
  const markup = isTable(raw.markup) ? raw.markup : {}
  const goldmark = isTable(markup.goldmark) ? markup.goldmark : {}
  const extensions = isTable(goldmark.extensions) ? goldmark.extensions : {}
  const passthrough = isTable(extensions.passthrough) ? extensions.passthrough : {}

  return {
    files,
    baseURL,
    basePath,
    permalinks,
    taxonomies,
    timeZone,
    uglyURLs,
    disablePathToLower: raw.disablepathtolower === true,
    contentDir: typeof raw.contentdir === 'string' ? raw.contentdir : 'content',
    staticDirs: asStrings(raw.staticdir) ?? ['static'],
    mainSections: asStrings(params.mainsections),
    params,
    hasMathPassthrough: passthrough.enable === true,
    languages: isTable(raw.languages) ? Object.keys(raw.languages) : [],
    paginate: readPagerSize(raw),
  }
}
