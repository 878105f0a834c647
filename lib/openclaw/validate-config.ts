// Has the installed OpenClaw judge a config before we write it. The text goes to a temp file beside
// the real one (so a relative $include resolves as it will there) and OpenClaw loads that file via
// OPENCLAW_CONFIG_PATH. OPENCLAW_AGENT_DIR points at a throw-away dir: 2026.2.22's `config get`
// creates agents/main/agent/auth.json, and a refused write must leave the state dir as it was.
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { z } from 'zod'
import { TEMP_MARK, ensurePrivateDir } from '../files.ts'
import { readInstalledVersion, resolveOpenclawBin } from './detect.ts'
import { parseRelease } from './releases.ts'
import { runOpenclaw } from './runner.ts'
import type { Env } from './state-dir.ts'

export type ConfigVerdict =
  | { status: 'valid'; version: string; warnings: string[] }
  /** OpenClaw rejected it; problems are its own messages, "<path>: <message>". */
  | { status: 'invalid'; version: string; problems: string[] }
  /** OpenClaw ran but said nothing we can read as a verdict. */
  | { status: 'failed'; version: string; reason: string }
  | { status: 'unvalidated'; reason: string }

const issue = z.object({ path: z.string().optional(), message: z.string() }).loose()
const validateOutput = z.object({
  valid: z.boolean(),
  issues: z.array(issue).optional(),
  warnings: z.array(z.union([z.string(), issue])).optional(),
  error: z.object({ message: z.string() }).loose().optional(),
}).loose()

export async function validateConfigText({ text, configPath, env = process.env, version, signal }: {
  text: string
  configPath: string
  env?: Env
  /** The installed release, when already known; otherwise `openclaw --version` is asked. */
  version?: string
  signal?: AbortSignal
}): Promise<ConfigVerdict> {
  const installed = version ?? (await readInstalledVersion(env, signal))
  if (!installed) return { status: 'unvalidated', reason: `no OpenClaw to run (${resolveOpenclawBin(env)})` }
  await ensurePrivateDir(dirname(configPath))
  const tmp = join(dirname(configPath), `.${basename(configPath, '.json')}${TEMP_MARK}${process.pid}-${randomBytes(4).toString('hex')}.json`)
  const agentDir = await mkdtemp(join(tmpdir(), 'caf-validate-'))
  try {
    await writeFile(tmp, text, { mode: 0o600, flag: 'wx' })
    const call = (args: string[]) => runOpenclaw(args, { env: { ...env, OPENCLAW_CONFIG_PATH: tmp, OPENCLAW_AGENT_DIR: agentDir }, signal })
    if (parseRelease(installed).configValidate) {
      const verdict = await runValidate(call, installed)
      if (verdict) return verdict
    }
    return await runLoad(call, installed)
  } finally {
    await rm(tmp, { force: true })
    await rm(agentDir, { recursive: true, force: true })
  }
}

type Call = (args: string[]) => ReturnType<typeof runOpenclaw>

/** `config validate --json`; undefined when the release answers with something else (no such command). */
async function runValidate(call: Call, version: string): Promise<ConfigVerdict | undefined> {
  const r = await call(['config', 'validate', '--json'])
  let parsed
  try {
    parsed = validateOutput.safeParse(JSON.parse(r.stdout))
  } catch {
    return undefined
  }
  if (!parsed.success) return undefined
  const { valid, issues = [], warnings = [], error } = parsed.data
  if (valid) return { status: 'valid', version, warnings: warnings.map(formatIssue) }
  const problems = issues.map(formatIssue)
  return { status: 'invalid', version, problems: problems.length ? problems : [error?.message ?? 'rejected without a reason'] }
}

// 2026.2.22 has no `config validate` and no JSON form of its config error, so its human report is
// read: "Config invalid" then "Problem:" and one "  - <path>: <message>" line per problem.
async function runLoad(call: Call, version: string): Promise<ConfigVerdict> {
  const r = await call(['config', 'get', 'agents.defaults.model', '--json'])
  if (r.exitCode === 0) return { status: 'valid', version, warnings: [] }
  const lines = r.stderr.split('\n')
  if (lines.some((l) => l.trim() === 'Config invalid')) {
    const from = lines.findIndex((l) => l.trim() === 'Problem:')
    const problems = lines.slice(from + 1).map((l) => /^\s*- (.+)$/.exec(l)?.[1]).filter((p): p is string => Boolean(p))
    return { status: 'invalid', version, problems: problems.length ? problems : ['Config invalid'] }
  }
  const first = [...lines, ...r.stdout.split('\n')].map((l) => l.trim()).find(Boolean) ?? `exit code ${r.exitCode}`
  return { status: 'failed', version, reason: first }
}

function formatIssue(i: string | z.infer<typeof issue>): string {
  return typeof i === 'string' ? i : i.path ? `${i.path}: ${i.message}` : i.message
}
