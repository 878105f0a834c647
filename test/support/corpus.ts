// The bad input corpus (test/corpus/*.json5): one file per case, read and checked here, and planted
// into a fresh sandbox. Strings in args, env and file contents may use placeholders:
//   {root} the sandbox root, {rootname} its basename, {state} the OpenClaw state dir,
//   {fake-openclaw} test/support/fake-openclaw.mjs, {jwt:NAME} a JWT built from the case's jwts.NAME.
// File keys are paths below the sandbox root (the state dir is `openclaw/`).
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import JSON5 from 'json5'
import { z } from 'zod'
import { makeJwt } from './jwt.ts'
import { ROOT, type Sandbox } from './sandbox.ts'

export const CORPUS_DIR = join(ROOT, 'test', 'corpus')

const fileSpec = z.union([
  z.object({ text: z.string() }).strict(),
  z.object({ json: z.unknown() }).strict(),
  /** A symbolic link to the (placeholder-expanded) target. */
  z.object({ symlink: z.string() }).strict(),
  /** Made at run time: too big to keep in git. */
  z.object({ generate: z.enum(['oversized-store']), bytes: z.number().int().positive() }).strict(),
])

const jwtSpec = z.object({
  /** exp = now + expIn seconds (negative: in the past); leave out for a token without exp. */
  expIn: z.number().int().optional(),
  claims: z.record(z.string(), z.unknown()).default({}),
}).strict()

const caseSchema = z.object({
  /** Why this input matters; shown nowhere, read by people. */
  about: z.string(),
  command: z.string().regex(/^[a-z-]+$/),
  args: z.array(z.string()),
  env: z.record(z.string(), z.string()).default({}),
  jwts: z.record(z.string(), jwtSpec).default({}),
  files: z.record(z.string(), fileSpec).default({}),
  exit: z.union([z.literal(1), z.literal(2)]),
  /** A regex the one stderr line must match (the line includes its leading "✗ "). */
  message: z.string(),
  /** Strings (placeholders allowed) the line must contain verbatim: the file it is about. */
  names: z.array(z.string()).default([]),
  /** Paths (placeholders allowed) that must not exist afterwards: where an escaping name would write. */
  absent: z.array(z.string()).default([]),
  /** Tokens planted where no token-like key marks them (placeholders allowed), for the leak scan. */
  secrets: z.array(z.string()).default([]),
}).strict()

export type CorpusCase = z.infer<typeof caseSchema> & { name: string }

export async function loadCorpus(dir = CORPUS_DIR): Promise<CorpusCase[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.json5')).sort()
  const cases: CorpusCase[] = []
  for (const file of names) {
    const parsed = caseSchema.safeParse(JSON5.parse(await readFile(join(dir, file), 'utf8')))
    if (!parsed.success) throw new Error(`test/corpus/${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`)
    cases.push({ ...parsed.data, name: basename(file, '.json5') })
  }
  return cases
}

export interface PlantedCase {
  args: string[]
  env: NodeJS.ProcessEnv
  message: RegExp
  names: string[]
  absent: string[]
  /** Every token the case planted, for the leak scan. */
  secrets: string[]
}

/** Writes the case's files into the sandbox and returns its command line with placeholders filled. */
export async function plantCase(c: CorpusCase, sb: Sandbox, now = Date.now()): Promise<PlantedCase> {
  const jwts: Record<string, string> = {}
  for (const [name, spec] of Object.entries(c.jwts)) {
    jwts[name] = await makeJwt({ ...spec.claims, ...(spec.expIn === undefined ? {} : { exp: Math.floor(now / 1000) + spec.expIn }) })
  }
  const fill = (s: string) => s
    .replaceAll('{rootname}', basename(sb.root))
    .replaceAll('{root}', sb.root)
    .replaceAll('{state}', sb.stateDir)
    .replaceAll('{fake-openclaw}', join(ROOT, 'test', 'support', 'fake-openclaw.mjs'))
    .replace(/\{jwt:(\w+)\}/g, (_, n: string) => jwts[n] ?? fail(`${c.name}: no jwts.${n}`))
  const secrets = new Set<string>([...Object.values(jwts), ...c.secrets.map(fill)])
  for (const [rel, spec] of Object.entries(c.files)) {
    const path = join(sb.root, fill(rel))
    await mkdir(dirname(path), { recursive: true, mode: 0o700 })
    if ('symlink' in spec) {
      await symlink(fill(spec.symlink), path)
      continue
    }
    const text = 'text' in spec ? fill(spec.text)
      : 'json' in spec ? JSON.stringify(fillDeep(spec.json, fill), null, 2)
      : resolveOversizedStore(spec.bytes)
    for (const s of findPlantedSecrets(text)) secrets.add(s)
    await writeFile(path, text, { mode: 0o600 })
  }
  return {
    args: c.args.map(fill),
    env: Object.fromEntries(Object.entries(c.env).map(([k, v]) => [k, fill(v)])),
    message: new RegExp(c.message),
    names: c.names.map(fill),
    absent: c.absent.map(fill),
    secrets: [...secrets],
  }
}

function fillDeep(value: unknown, fill: (s: string) => string): unknown {
  if (typeof value === 'string') return fill(value)
  if (Array.isArray(value)) return value.map((v) => fillDeep(v, fill))
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillDeep(v, fill)]))
  return value
}

/** String values under token-like keys ("access", "refresh_token", "OPENAI_API_KEY", ...), 12+ characters. */
export function findPlantedSecrets(text: string): string[] {
  const found = []
  for (const m of text.matchAll(/"(?:\w*token|access|refresh|OPENAI_API_KEY|key)"\s*:\s*"([^"]{12,})"/gi)) found.push(m[1]!)
  return found
}

/**
 * A store that is valid JSON and valid in shape, padded to `bytes` with usageStats of made-up
 * profiles: the refusal must come from its size, not from a parse error.
 */
export function resolveOversizedStore(bytes: number): string {
  const head = '{"version":1,"profiles":{},"usageStats":{'
  const entry = (i: number) => `${i ? ',' : ''}"pad:${String(i).padStart(8, '0')}":{"lastUsed":1700000000000,"errorCount":0}`
  const parts = [head]
  let size = head.length + 3
  for (let i = 0; size < bytes; i++) {
    const e = entry(i)
    parts.push(e)
    size += e.length
  }
  parts.push('}}\n')
  return parts.join('')
}

function fail(message: string): never {
  throw new Error(message)
}
