// The cron job install-cron puts into OpenClaw: model-cooldown-autoswitch (another agent's:
// model-cooldown-autoswitch-<id>), running check-and-switch by absolute paths. OpenClaw runs command
// payloads (2026.6.5+) in the gateway's environment with its own PATH (`--command` even under
// `sh -lc`), and an agent's exec tool in a login shell: neither is the shell that ran install-cron,
// so node and the launcher (bin/check-and-switch.mjs: the bundle, or the sources) are named by
// absolute path. Older releases get an isolated agentTurn whose message
// (templates/cron-agent-turn.txt) asks the agent to run that command.
import { createRequire } from 'node:module'
import { readFile } from 'node:fs/promises'
import { isAbsolute, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { BadFile } from './errors.ts'
import type { CronJob } from './openclaw/cron.ts'
import type { Release } from './openclaw/releases.ts'
import { runChild } from './run-child.ts'
import { resolveOpenclawRuntime } from './openclaw/runtime.ts'
import { resolveConfigPath, resolveStateDir, type Env } from './openclaw/state-dir.ts'

export const JOB_NAME = 'model-cooldown-autoswitch'

/**
 * The job's name, which is also its declaration key: main's keeps the name existing installs have,
 * another agent's carries its id, so each agent has one job and installing one never converges
 * (or uninstalls) another's.
 */
export function resolveJobName(agentId = 'main'): string {
  return agentId === 'main' ? JOB_NAME : `${JOB_NAME}-${agentId}`
}

/**
 * Whether a job the gateway lists is the agent's: its name or declaration key, or main's name with
 * this agent's id (what install-cron --agent put in before jobs had per-agent names).
 */
export function isAgentJob(job: { name?: unknown; declarationKey?: unknown; agentId?: unknown }, agentId = 'main'): boolean {
  const named = (name: string) => job.name === name || job.declarationKey === name
  if (agentId === 'main') return named(JOB_NAME) && (job.agentId ?? 'main') === 'main'
  return named(resolveJobName(agentId)) || (named(JOB_NAME) && job.agentId === agentId)
}
const PLACEHOLDER = '{{command}}'

export interface CheckCommand {
  argv: string[]
  /**
   * Which OpenClaw check-and-switch looks at, pinned when the installer's shell chose one: the job
   * inherits the gateway's environment, which a service manager may have set up differently. Only
   * paths; a gateway token is never put into a job (the gateway's own environment and config hold it).
   */
  env: Record<string, string>
}

export interface CronJobPlan {
  name: string
  payload: Release['cronPayload']
  every: string
  everyMs: number
  announce: boolean
  agentId?: string
  command: CheckCommand
  /** The command as one shell line (env assignments first), as the agentTurn message quotes it. */
  commandLine: string
  /** agentTurn only: the message the agent gets. */
  message?: string
}

export function resolveProjectRoot(): string {
  return fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '')
}

/** tsx's CLI file (node_modules/tsx/dist/cli.mjs in tsx 4), resolved from this project's dependencies. */
export function resolveTsxCli(): string {
  return createRequire(import.meta.url).resolve('tsx/cli')
}

/** Node runs TypeScript itself, with no warning, from 22.18 and 24.3 (nodejs.org/api/typescript.html). */
export function isTypeStrippingNode(version: string): boolean {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number)
  return major === 22 ? minor >= 18 : major === 24 ? minor >= 3 : major >= 25
}

/**
 * The node the job runs bin/check-and-switch.mjs on: one that runs TypeScript itself (this one,
 * else the one OpenClaw runs on) when there is one, so a check whose bundle is stale runs the
 * sources without tsx (whose esbuild service can outlive node, and OpenClaw 2026.9.6 fails a
 * command run, "Command cleanup could not confirm that owned work stopped", when anything of its
 * process group is left 300 ms after exit); otherwise this node.
 */
export async function resolveCheckRunner({ env, signal, node = process.execPath, version = process.versions.node }: { env: Env; signal?: AbortSignal; node?: string; version?: string }): Promise<string[]> {
  if (isTypeStrippingNode(version)) return [node]
  const openclawNode = (await resolveOpenclawRuntime(env).catch(() => undefined))?.node
  if (openclawNode && isAbsolute(openclawNode) && isTypeStrippingNode(await readNodeVersion(openclawNode, { env, signal }))) return [openclawNode]
  return [node]
}

/** The launcher the job runs: the bundle while it is fresh, else the sources (bin/check-and-switch.mjs). */
export function resolveLauncherPath(root = resolveProjectRoot()): string {
  return join(root, 'bin', 'check-and-switch.mjs')
}

/** Whether a path a job names is check-and-switch itself: the launcher, or the script an older install named. */
export function isCheckScript(path: string): boolean {
  return /\/(bin\/check-and-switch\.mjs|tasks\/check-and-switch\.ts)$/.test(path)
}

async function readNodeVersion(node: string, { env, signal }: { env: Env; signal?: AbortSignal }): Promise<string> {
  const r = await runChild(node, ['-p', 'process.versions.node'], { env, signal, timeoutMs: 30_000 })
  return r.ok ? r.stdout.trim() : ''
}

export function resolveCheckCommand({ env, agentId, runner, root = resolveProjectRoot() }: {
  env: Env
  agentId?: string
  /** The program and its leading arguments, from resolveCheckRunner. */
  runner: string[]
  root?: string
}): CheckCommand {
  const pinned: Record<string, string> = {}
  if (env.OPENCLAW_STATE_DIR?.trim()) pinned.OPENCLAW_STATE_DIR = resolveStateDir(env)
  if (env.OPENCLAW_CONFIG_PATH?.trim()) pinned.OPENCLAW_CONFIG_PATH = resolveConfigPath(env)
  const bin = env.OPENCLAW_BIN?.trim()
  if (bin) pinned.OPENCLAW_BIN = bin.includes('/') && !isAbsolute(bin) ? resolve(bin) : bin
  const agent = agentId && agentId !== 'main' ? ['--agent', agentId] : []
  return { argv: [...runner, resolveLauncherPath(root), ...agent], env: pinned }
}

export function resolveTemplatePath(): string {
  return fileURLToPath(new URL('../templates/cron-agent-turn.txt', import.meta.url))
}

export async function loadMessageTemplate(path = resolveTemplatePath()): Promise<string> {
  const text = await readFile(path, 'utf8').catch((err: NodeJS.ErrnoException) => {
    throw new BadFile(path, `cannot read it (${err.code ?? 'error'})`, { cause: err })
  })
  if (!text.includes(PLACEHOLDER)) throw new BadFile(path, `has no ${PLACEHOLDER} where the command goes`)
  return text
}

export function resolveCronJobPlan({ payload, every, everyMs, announce, agentId, command, template }:
  Omit<CronJobPlan, 'name' | 'commandLine' | 'message'> & { template?: string }): CronJobPlan {
  const commandLine = formatShellCommand(command)
  const message = payload === 'agentTurn' ? template!.split(PLACEHOLDER).join(commandLine).trim() : undefined
  return { name: resolveJobName(agentId), payload, every, everyMs, announce, ...(agentId ? { agentId } : {}), command, commandLine, ...(message ? { message } : {}) }
}

/** `openclaw cron add` arguments (without --json) for the plan. */
export function resolveCronAddArgs(plan: CronJobPlan): string[] {
  const what = plan.payload === 'command'
    ? ['--command-argv', JSON.stringify(plan.command.argv), ...Object.entries(plan.command.env).flatMap(([k, v]) => ['--command-env', `${k}=${v}`]), '--declaration-key', plan.name]
    : ['--message', plan.message!, '--wake', 'now']
  return ['--name', plan.name, '--every', plan.every, '--session', 'isolated', ...what, plan.announce ? '--announce' : '--no-deliver', ...(plan.agentId ? ['--agent', plan.agentId] : [])]
}

/** `openclaw cron edit ID` arguments that bring an agentTurn job up to the plan (2026.2.22 flags). */
export function resolveCronEditArgs(plan: CronJobPlan): string[] {
  return ['--every', plan.every, '--session', 'isolated', '--message', plan.message!, '--wake', 'now', '--enable',
    plan.announce ? '--announce' : '--no-deliver', ...(plan.agentId ? ['--agent', plan.agentId] : ['--clear-agent'])]
}

/** Whether a job the gateway listed already is the plan's agentTurn job. */
export function isAgentTurnJobCurrent(job: CronJob, plan: CronJobPlan): boolean {
  return job.enabled !== false && job.schedule.kind === 'every' && job.schedule.everyMs === plan.everyMs &&
    job.sessionTarget === 'isolated' && job.payload.kind === 'agentTurn' && job.payload.message === plan.message &&
    job.delivery?.mode === (plan.announce ? 'announce' : 'none') && job.agentId === plan.agentId
}

export function formatShellCommand({ argv, env }: CheckCommand): string {
  return [...Object.entries(env).map(([k, v]) => `${k}=${quoteShellArg(v)}`), ...argv.map(quoteShellArg)].join(' ')
}

export function quoteShellArg(arg: string): string {
  return /^[\w/.:=@%+,-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`
}
