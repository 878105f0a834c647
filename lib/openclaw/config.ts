// openclaw.json: read as OpenClaw reads it (JSON5), written as OpenClaw writes it (JSON, two-space
// indent, trailing newline, mode 0600), through the file-update transaction.
import { lstat, readlink, realpath } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import JSON5 from 'json5'
import { BadFile } from '../errors.ts'
import { loadFile, updateFile, type FileKind, type Loaded, type UpdateOptions, type UpdateOutcome, type Updater } from '../file-update.ts'

export type ConfigData = Record<string, unknown>

export type LoadedConfig = Loaded<ConfigData>

/** openclaw.json as lib/file-update.ts reads and writes it. */
export const CONFIG: FileKind<ConfigData> = {
  label: 'config',
  parse: parseConfig,
  empty: () => ({}),
  format: formatConfig,
  // OpenClaw writes its config 0600 (a temp file and a rename): it can hold gateway and channel tokens.
  mode: 0o600,
  assertWritable: assertNotSymlink,
}

/** Reads the config; a missing file is an empty config, anything unreadable is a one-line BadFile. */
export async function loadConfig(path: string): Promise<LoadedConfig> {
  return loadFile(path, CONFIG)
}

export function parseConfig(text: string, path: string): ConfigData {
  if (text.trim() === '') throw new BadFile(path, 'is empty; expected an OpenClaw config object ({}); restore it from a backup or delete it')
  const raw = parseJson5(text, path, 'fix it, or restore it from a backup')
  if (!isPlainObject(raw)) throw new BadFile(path, `is not an OpenClaw config: expected an object at the top, found ${Array.isArray(raw) ? 'an array' : typeof raw}`)
  return raw
}

/** JSON5.parse as OpenClaw reads its files; a syntax error is a one-line BadFile naming line, column and what to do. */
export function parseJson5(text: string, path: string, advice: string): unknown {
  try {
    return JSON5.parse(text)
  } catch (cause) {
    const e = cause as SyntaxError & { lineNumber?: number; columnNumber?: number }
    // JSON5 puts a fault at a line break on the next line's column 0: say the end of the line it ends.
    const line = e.columnNumber === 0 ? e.lineNumber! - 1 : e.lineNumber
    const column = e.columnNumber === 0 ? text.split('\n')[line! - 1]!.length + 1 : e.columnNumber
    const at = line ? ` at line ${line}, column ${column}` : ''
    const why = e.message.replace(/^JSON5: /, '').replace(/ at \d+:\d+$/, '').split('\n')[0]
    throw new BadFile(path, `is not valid JSON5${at} (${why}); ${advice}`, { cause })
  }
}

/** The bytes OpenClaw itself writes for a config (its writeConfigFile: JSON.stringify, 2 spaces). */
export function formatConfig(data: ConfigData): string {
  return `${JSON.stringify(data, null, 2)}\n`
}

/** Whether JSON5 text has a // or /* comment outside a string: a rewrite cannot keep those. */
export function hasJson5Comments(text: string): boolean {
  let quote: string | undefined
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quote) {
      if (c === '\\') i++
      else if (c === quote) quote = undefined
    } else if (c === '"' || c === "'") quote = c
    else if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) return true
  }
  return false
}

// Values under keys like these are credentials (gateway.auth.token, channel bot tokens, provider
// API keys); a ${VAR} reference is not a secret and stays readable.
const SECRET_KEY = /(token|secret|password|passwd|api[-_]?key|private[-_]?key|authorization|cookie)$/i
const ENV_REF = /^\$\{[A-Z_][A-Z0-9_]*\}$/

/** A copy fit to print: every string under a secret-looking key is replaced by "[redacted]". */
export function resolveDisplayConfig<T>(value: T, key = ''): T {
  if (Array.isArray(value)) return value.map((v) => resolveDisplayConfig(v, key)) as T
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveDisplayConfig(v, k)])) as T
  if (typeof value === 'string' && SECRET_KEY.test(key) && !ENV_REF.test(value)) return '[redacted]' as T
  return value
}

/**
 * The one way this tool changes openclaw.json: the file-update transaction. update sees the file as
 * it is under the lock and returns the new config (or none, for no change), or throws to refuse.
 */
export async function updateConfig<T>(
  path: string,
  update: Updater<ConfigData, T>,
  options: UpdateOptions = {},
): Promise<UpdateOutcome<T>> {
  return updateFile(path, CONFIG, update, options)
}

/**
 * A config that is a symlink (a dotfiles repo, say) is refused, not written: the rename would
 * replace the link with a file, and writing the target would leave temp files and backups of a
 * file full of secrets in the target's folder, which may be a repository.
 */
export async function assertNotSymlink(path: string): Promise<void> {
  const stats = await lstat(path).catch(() => undefined)
  if (!stats?.isSymbolicLink()) return
  const target = await realpath(path).catch(async () => resolve(dirname(path), await readlink(path)))
  throw new BadFile(path, `is a symlink to ${target}; not written, as a rename would replace the link with a file: run again with OPENCLAW_CONFIG_PATH=${target} to write the target itself (its backups then go beside it)`)
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
