// OpenClaw's cron through its CLI, which talks to the running gateway (every release): which payloads
// a release has, list/add/edit/enable/rm, and telling "no gateway" from "the gateway said no".
// Run against 2026.2.22 and 2026.9.6: `cron list --json` is {jobs:[...]} in both (2026.9 adds paging
// fields); `cron add --json` prints the job (2026.2) or, with --declaration-key, {created, updated?,
// job, deliveryPreview} (2026.9); `cron edit`/`enable` print the job; `cron rm --json` {ok, removed}.
import { z } from 'zod'
import { CafError, UsageError } from '../errors.ts'
import { describeFailure, parseJsonOutput, runOpenclaw, type OpenclawCall, type RunContext } from './runner.ts'

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000 } as const
const MIN_EVERY_MS = 60_000
const MAX_EVERY_MS = 24 * 3_600_000

/** `--every`: whole seconds, minutes or hours, 1m to 24h; returned in the spelling OpenClaw parses. */
export function parseEvery(text: string): { every: string; everyMs: number } {
  const m = /^(\d+)([smh])$/i.exec(text.trim())
  const unit = m?.[2]?.toLowerCase() as keyof typeof UNIT_MS | undefined
  const everyMs = m && unit ? Number(m[1]) * UNIT_MS[unit] : NaN
  if (!(everyMs >= MIN_EVERY_MS && everyMs <= MAX_EVERY_MS)) {
    throw new UsageError(`--every ${JSON.stringify(text)}: expected an interval from 1m to 24h such as 10m, 90s or 1h`)
  }
  return { every: `${Number(m![1])}${unit}`, everyMs }
}

const cronJobSchema = z.object({
  id: z.string(),
  name: z.string(),
  enabled: z.boolean().optional(),
  declarationKey: z.string().optional(),
  agentId: z.string().optional(),
  createdAtMs: z.number().optional(),
  schedule: z.object({ kind: z.string(), everyMs: z.number().optional() }).loose(),
  sessionTarget: z.string().optional(),
  payload: z.object({
    kind: z.string(),
    message: z.string().optional(),
    argv: z.array(z.string()).optional(),
    env: z.record(z.string(), z.string()).optional(),
  }).loose(),
  delivery: z.object({ mode: z.string() }).loose().optional(),
}).loose()

export type CronJob = z.infer<typeof cronJobSchema>

const listSchema = z.object({ jobs: z.array(cronJobSchema), hasMore: z.boolean().optional() }).loose()
const declaredSchema = z.object({
  job: cronJobSchema,
  created: z.boolean().optional(),
  updated: z.boolean().optional(),
  deliveryPreview: z.object({ detail: z.string() }).loose().optional(),
}).loose()

export type GatewayCron =
  | { reachable: true; jobs: CronJob[]; truncated: boolean }
  | { reachable: false; reason: string }

/**
 * Every job the gateway has (disabled ones too), or why no gateway answered. Only "nothing listens"
 * counts as no gateway; a gateway that refuses us (token, pairing) is an error, so that nobody edits
 * jobs.json behind a running gateway's back.
 */
export async function loadGatewayCron(ctx: RunContext): Promise<GatewayCron> {
  const r = await runOpenclaw(['cron', 'list', '--all', '--json'], ctx)
  if (r.ok) {
    const list = parseCronOutput(listSchema, r, 'cron list --json')
    return { reachable: true, jobs: list.jobs, truncated: list.hasMore === true }
  }
  if (r.exitCode === 127) return { reachable: false, reason: `${firstWord(r.stderr)} cannot be run (set OPENCLAW_BIN)` }
  const why = describeCronFailure(r)
  // 2026.2.22: "gateway closed (1006 ...)"; 2026.9.6: "Gateway not reachable at ws://... (ECONNREFUSED)."
  if (/gateway closed \(1006|not reachable|ECONNREFUSED/i.test(why)) return { reachable: false, reason: why }
  throw new CafError(`openclaw cron list failed: ${why}; is the gateway running, and does this shell have its token (gateway.auth.token or OPENCLAW_GATEWAY_TOKEN)?`)
}

export interface CronAdded {
  job: CronJob
  /** 2026.9 with --declaration-key: false when an existing job was converged instead. */
  created?: boolean
  updated?: boolean
  /** 2026.9: where announce delivery would go, or why it will fail closed. */
  deliveryDetail?: string
}

export async function addCronJob(args: string[], ctx: RunContext): Promise<CronAdded> {
  const r = await runCron(['add', ...args, '--json'], ctx)
  const doc = parseJsonOutput(r.stdout, 'cron add --json') as { job?: unknown }
  if (doc?.job === undefined) return { job: parseCronOutput(cronJobSchema, r, 'cron add --json') }
  const declared = parseCronOutput(declaredSchema, r, 'cron add --json')
  return { job: declared.job, created: declared.created, updated: declared.updated, deliveryDetail: declared.deliveryPreview?.detail }
}

/** 2026.2.22's edit has no --json; it prints the job as JSON all the same. */
export async function editCronJob(id: string, args: string[], ctx: RunContext): Promise<CronJob> {
  return parseCronOutput(cronJobSchema, await runCron(['edit', id, ...args], ctx), 'cron edit')
}

export async function enableCronJob(id: string, ctx: RunContext): Promise<CronJob> {
  return parseCronOutput(cronJobSchema, await runCron(['enable', id], ctx), 'cron enable')
}

export async function removeCronJob(id: string, ctx: RunContext): Promise<void> {
  await runCron(['rm', id, '--json'], ctx)
}

async function runCron(args: string[], ctx: RunContext): Promise<OpenclawCall> {
  const r = await runOpenclaw(['cron', ...args], ctx)
  if (!r.ok) throw new CafError(`openclaw cron ${args[0]} failed: ${describeCronFailure(r)}`)
  return r
}

function parseCronOutput<T>(schema: z.ZodType<T>, r: OpenclawCall, what: string): T {
  const parsed = schema.safeParse(parseJsonOutput(r.stdout, what))
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]!
  throw new CafError(`openclaw ${what}: ${issue.path.join('.') || 'output'} ${issue.message.replace(/^Invalid input: /, '')}; is this OpenClaw release supported?`)
}

/** 2026.2.22 prefixes its CLI errors with "Error: "; our messages say what failed already. */
function describeCronFailure(r: OpenclawCall): string {
  return describeFailure(r).replace(/^Error:\s*/, '')
}

function firstWord(stderr: string): string {
  return /([^\s:]+): No such file/.exec(stderr)?.[1] ?? 'openclaw'
}
