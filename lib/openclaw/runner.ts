// Every call of the installed OpenClaw goes through here: its CLI (`openclaw ARGS`) and its plugin
// SDK (stores/sdk-bridge.mjs on OpenClaw's own node). Both are lib/run-child.ts runs, so both take
// stdin input, an AbortSignal and a timeout; the CLI's JSON output and the bridge's reply are
// parsed (the bridge's with zod), never its prose.
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import { CafError } from '../errors.ts'
import { runChild } from '../run-child.ts'
import { resolveOpenclawBin } from './detect.ts'
import type { OpenclawRuntime } from './runtime.ts'
import type { Env } from './state-dir.ts'

export interface OpenclawCall {
  ok: boolean
  exitCode: number | null
  stdout: string
  stderr: string
}

/** Where a command runs: the environment OpenClaw sees, and the task's signal. */
export interface RunContext {
  env: Env
  signal?: AbortSignal
}

export interface CallOptions {
  env?: Env
  signal?: AbortSignal
  input?: string
  timeoutMs?: number
}

/** `openclaw ARGS`; a failed run is a value (expected: no gateway, an invalid config), a Ctrl-C a throw. */
export async function runOpenclaw(args: string[], { env = process.env, signal, input, timeoutMs = 120_000 }: CallOptions = {}): Promise<OpenclawCall> {
  const r = await runChild(resolveOpenclawBin(env), args, { env, signal, input, timeoutMs })
  const stderr = r.timedOut ? `openclaw ${args.slice(0, 3).join(' ')} gave no answer within ${Math.round(timeoutMs / 1000)} s\n${r.stderr}` : r.stderr
  return { ok: r.ok, exitCode: r.exitCode, stdout: r.stdout, stderr }
}

const BRIDGE = fileURLToPath(new URL('./stores/sdk-bridge.mjs', import.meta.url))
const bridgeError = z.object({ error: z.string() })

/**
 * One request to OpenClaw's plugin SDK, as one JSON object on the bridge's stdin (tokens travel
 * there, never in argv); its one-line reply is checked against schema.
 */
export async function callBridge<T>(runtime: OpenclawRuntime, request: Record<string, unknown> | Promise<Record<string, unknown>>, schema: z.ZodType<T>, { env = process.env, signal, timeoutMs = 120_000, sdkPath }: Omit<CallOptions, 'input'> & { sdkPath?: string } = {}): Promise<T> {
  // With the SDK's path in its environment the bridge loads OpenClaw at once, before its request
  // arrives: a request still being made (a login under way) costs nothing more once it comes.
  const input = request instanceof Promise ? request.then((r) => JSON.stringify(r)) : JSON.stringify(request)
  const r = await runChild(runtime.node, [BRIDGE], { env: sdkPath ? { ...env, CAF_BRIDGE_SDK: sdkPath } : env, signal, input, timeoutMs })
  const op = request instanceof Promise ? 'its request' : request.op
  if (r.exitCode === 127 || r.exitCode === 126) throw new CafError(`cannot run OpenClaw's node (${runtime.node}); set OPENCLAW_NODE`)
  const reply = r.stdout.trim().split('\n').pop()
  let parsed: unknown
  try {
    parsed = reply ? JSON.parse(reply) : undefined
  } catch {
    parsed = undefined
  }
  if (parsed === undefined) {
    const why = r.timedOut ? `no answer within ${Math.round(timeoutMs / 1000)} s` : firstLine(r.stderr)
    throw new CafError(`OpenClaw's plugin SDK did not answer (exit ${r.exitCode}): ${why}`)
  }
  const failed = bridgeError.safeParse(parsed)
  if (failed.success) throw new CafError(`OpenClaw's plugin SDK: ${failed.data.error}`)
  const ok = schema.safeParse(parsed)
  if (!ok.success) {
    const issue = ok.error.issues[0]!
    throw new CafError(`OpenClaw's plugin SDK answered ${op} with something else (${issue.path.join('.') || 'reply'}: ${issue.message}); is this OpenClaw release supported?`)
  }
  return ok.data
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
