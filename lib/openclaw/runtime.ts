// The installed OpenClaw as a program: its bin, its package dir (for the plugin SDK), the Node it
// runs on, and a runner for its CLI whose JSON output is parsed, never its prose.
import { readFile, realpath } from 'node:fs/promises'
import { join } from 'node:path'
// zx/core, not zx: zx's index also loads its vendored globby, yaml and fs-extra (0.8 MB), which
// check-and-switch, started every 10 minutes, never uses.
import { $, which } from 'zx/core'
import { CafError } from '../errors.ts'
import { resolveOpenclawBin } from './detect.ts'
import { findOpenclawPackage } from './package.ts'
import type { Env } from './state-dir.ts'

export interface OpenclawRuntime {
  bin: string
  packageDir: string
  /** The node OpenClaw's own bin runs on (its shebang), or $OPENCLAW_NODE. */
  node: string
}

export async function resolveOpenclawRuntime(env: Env = process.env): Promise<OpenclawRuntime> {
  const name = resolveOpenclawBin(env)
  const bin = name.includes('/') ? name : await which(name, { nothrow: true, path: env.PATH })
  if (!bin) throw new CafError(`writing into OpenClaw's state database needs the installed OpenClaw (its plugin SDK), and ${name} is not on PATH; set OPENCLAW_BIN`)
  const real = await realpath(bin).catch(() => {
    throw new CafError(`cannot find OpenClaw at ${bin}; set OPENCLAW_BIN`)
  })
  const packageDir = await findPackageDir(real)
  return { bin, packageDir, node: env.OPENCLAW_NODE?.trim() || (await resolveShebangNode(real, env)) }
}

export async function resolveSdkPath(packageDir: string, entry = './plugin-sdk/provider-auth'): Promise<string> {
  const pkg = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8'))
  const target = pkg.exports?.[entry]
  const file = typeof target === 'string' ? target : target?.import ?? target?.default
  if (!file) throw new CafError(`this OpenClaw (${pkg.version}) has no ${entry.slice(2)} in its plugin SDK; upgrade OpenClaw`)
  return join(packageDir, file)
}

async function findPackageDir(file: string): Promise<string> {
  const pkg = await findOpenclawPackage(file)
  if (!pkg) throw new CafError(`${file} is not inside an openclaw package; set OPENCLAW_BIN to the openclaw that npm installed`)
  return pkg.dir
}

async function resolveShebangNode(file: string, env: Env): Promise<string> {
  const first = (await readFile(file, 'utf8')).split('\n', 1)[0] ?? ''
  const m = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(first)
  const cmd = m?.[1]?.endsWith('/env') ? m[2] : m?.[1]
  if (!cmd || cmd.includes('/')) return cmd || process.execPath
  return (await which(cmd, { nothrow: true, path: env.PATH })) ?? cmd
}

export interface OpenclawCall {
  ok: boolean
  exitCode: number | null
  stdout: string
  stderr: string
}

/** Runs `openclaw ARGS`; a failed run is a value (expected: no gateway, invalid config). */
export async function runOpenclaw(args: string[], { env = process.env, timeoutMs = 120_000 }: { env?: Env; timeoutMs?: number } = {}): Promise<OpenclawCall> {
  const r = await $({ nothrow: true, quiet: true, env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs })`${resolveOpenclawBin(env)} ${args}`
  return { ok: r.exitCode === 0, exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr }
}

/** The JSON document a `--json` command printed (some releases print a banner line first). */
export function parseJsonOutput(stdout: string, what: string): unknown {
  const start = stdout.search(/^[{[]/m)
  try {
    return JSON.parse(start >= 0 ? stdout.slice(start) : stdout)
  } catch {
    throw new CafError(`openclaw ${what} did not print JSON`)
  }
}

export function firstLine(text: string): string {
  return text.split('\n').map((l) => l.trim()).find(Boolean) ?? 'no output'
}

/** Why a call failed, in one line: the JSON error 2026.9 prints with --json, else the first line. */
export function describeFailure(call: OpenclawCall): string {
  try {
    const doc = parseJsonOutput(call.stdout, '') as { error?: { message?: string } | string }
    const message = typeof doc.error === 'string' ? doc.error : doc.error?.message
    if (message) return firstLine(message)
  } catch {
    // not JSON: fall through to the text
  }
  return firstLine(call.stderr || call.stdout)
}
