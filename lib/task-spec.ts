// What a command takes, declared once per task: its arguments and flags, each with a one-line
// meaning, and one example. The handler's view of the parsed flags is typed from the spec (a flag
// the spec does not declare does not compile), and --help is generated from it.
import { parseArgs } from 'node:util'
import { UsageError } from './errors.ts'

export type FlagType = 'boolean' | 'string' | 'string[]'

export interface FlagSpec {
  type: FlagType
  /** One line: what the flag does. */
  meaning: string
  short?: string
  /** The placeholder shown for its value in --help: FILE, REF, ID. */
  value?: string
}

export interface ArgSpec {
  name: string
  meaning: string
}

export interface TaskSpec {
  /** The npm script (and Taskfile target) name. */
  name: string
  /** One line: what the command does. */
  summary: string
  args?: readonly ArgSpec[]
  flags: Readonly<Record<string, FlagSpec>>
  /** One complete command line a user could run. */
  example: string
}

/** The flags several commands share, declared here once; a task picks them with commonFlags(). */
export const COMMON_FLAGS = {
  json: { type: 'boolean', meaning: 'print one JSON object instead of lines (notes go to stderr)' },
  yes: { type: 'boolean', short: 'y', meaning: 'do not ask for confirmation (without a terminal, needed where a command asks; accepted by every command that writes)' },
  agent: { type: 'string', value: 'ID', meaning: 'the OpenClaw agent (default main)' },
  'openclaw-version': { type: 'string', value: 'X.Y.Z', meaning: 'the OpenClaw release the state dir belongs to, when none is installed' },
} as const satisfies Record<string, FlagSpec>

export function commonFlags<K extends keyof typeof COMMON_FLAGS>(...names: K[]): Pick<typeof COMMON_FLAGS, K> {
  return Object.fromEntries(names.map((n) => [n, COMMON_FLAGS[n]])) as Pick<typeof COMMON_FLAGS, K>
}

/** Keeps the spec's literal types, so the handler's flags and args are typed from it. */
export function defineTask<const S extends TaskSpec>(spec: S): S {
  return spec
}

type FlagValue<F> = F extends { type: 'boolean' } ? boolean : F extends { type: 'string[]' } ? string[] : string

export interface Parsed<S extends TaskSpec> {
  args: { readonly [K in NonNullable<S['args']>[number]['name']]?: string }
  flags: { readonly [K in keyof S['flags']]?: FlagValue<S['flags'][K]> }
  help: boolean
}

const HELP: FlagSpec = { type: 'boolean', short: 'h', meaning: 'show this help' }

export function parseTaskArgs<S extends TaskSpec>(spec: S, argv: readonly string[]): Parsed<S> {
  const options: Record<string, { type: 'boolean' | 'string'; short?: string; multiple?: boolean }> = {}
  for (const [flag, def] of Object.entries({ ...spec.flags, help: HELP })) {
    options[flag] = { type: def.type === 'boolean' ? 'boolean' : 'string', ...(def.short ? { short: def.short } : {}), ...(def.type === 'string[]' ? { multiple: true } : {}) }
  }
  let values: Record<string, unknown>, positionals: string[]
  try {
    ;({ values, positionals } = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true }))
  } catch (err) {
    if (argv.includes('--help') || argv.includes('-h')) return { args: {}, flags: {}, help: true } as Parsed<S>
    // node's messages name the flag and are one line once the hint after the first line is dropped
    throw new UsageError(`${spec.name}: ${(err as Error).message.split(/\n|\. To specify/)[0]}; see npm run ${spec.name} -- --help`)
  }
  const { help, ...flags } = values
  const names = (spec.args ?? []).map((a) => a.name)
  if (!help && positionals.length > names.length) {
    throw new UsageError(`${spec.name}: unexpected argument ${JSON.stringify(positionals[names.length])}; see npm run ${spec.name} -- --help`)
  }
  const args = Object.fromEntries(names.map((n, i) => [n, positionals[i]]))
  return { args, flags, help: Boolean(help) } as Parsed<S>
}

/** --help: what it does, the usage line, each argument and flag with its meaning, one example. */
export function formatHelp(spec: TaskSpec): string[] {
  const args = (spec.args ?? []).map((a) => a.name.toUpperCase())
  const rows: Array<[string, string]> = [
    ...(spec.args ?? []).map((a): [string, string] => [a.name.toUpperCase(), a.meaning]),
    ...Object.entries({ ...spec.flags, help: HELP }).map(([flag, def]): [string, string] => [
      `${def.short ? `-${def.short}, ` : ''}--${flag}${def.type === 'boolean' ? '' : ` ${def.value ?? 'VALUE'}`}${def.type === 'string[]' ? ' (repeatable)' : ''}`,
      def.meaning,
    ]),
  ]
  const width = Math.max(...rows.map(([left]) => left.length))
  return [
    `${spec.name}: ${spec.summary}`,
    '',
    `usage: npm run ${spec.name} --${args.map((a) => ` ${a}`).join('')} [flags]   (or: task ${spec.name}${args.map((a) => ` ${a}=...`).join('')} -- [flags])`,
    '',
    ...rows.map(([left, meaning]) => `  ${left.padEnd(width)}  ${meaning}`),
    '',
    `example: ${spec.example}`,
  ]
}

/** A --threshold style value: a number from 1 to 100, or a one-line usage error. */
export function parsePercent(text: string | undefined, flag = '--threshold'): number | undefined {
  if (text === undefined) return undefined
  const n = Number(text.trim().replace(/%$/, ''))
  if (!(Number.isFinite(n) && n >= 1 && n <= 100)) throw new UsageError(`${flag} ${JSON.stringify(text)}: expected a percentage from 1 to 100, e.g. ${flag} 90`)
  return n
}
