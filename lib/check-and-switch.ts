// check-and-switch: one deterministic look at which models can answer, a move of the session (or
// the global default) when the best one changed, a small state file, and zero LLM tokens.
import { loadConfig } from './openclaw/config.ts'
import { loadModelsStatus } from './openclaw/models-status.ts'
import { patchSessionModel, resolveMainSession, setGlobalModel } from './openclaw/session.ts'
import { resolveConfigPath, resolveStateDir, type Env } from './openclaw/state-dir.ts'
import { CafError, UsageError } from './errors.ts'
import { assertProfileName } from './profile-name.ts'
import { chooseModel, type Choice, type ModelAvailability } from './model-choice.ts'
import { loadSwitchState, resolveProfileStatuses, resolveStatePath, updateSwitchState, type SwitchState } from './switch-state.ts'
import { describeStandings, describeUsageError, loadUsageCheck, resolveUsageRecord } from './check-usage.ts'
import { DEFAULT_THRESHOLD, type Standing } from './usage-order.ts'
import type { Report } from './cli.ts'

export interface CheckOptions {
  /** Read every Codex account's usage (default): it decides the order and can move off Codex early. */
  usage?: boolean
  /** Set the Codex order from the usage (default); false: only report it. */
  reorder?: boolean
  /** Percent of any window at or above which an account counts as near its limit (default 90). */
  threshold?: number
  openclawVersion?: string
  /** The OpenClaw agent whose status, accounts, state file and session the check uses (default main). */
  agent?: string
  priority?: string
  session?: string
  global?: boolean
  dryRun?: boolean
  state?: string
  env?: Env
  signal?: AbortSignal
  now?: number
}

export interface Decision {
  checkedAt: string
  previous?: string
  chosen: string
  changed: boolean
  reason: Choice['reason']
  /** One sentence on why, for the human line. */
  why: string
  priority: string[]
  availability: ModelAvailability[]
  switched: boolean
  via: 'session' | 'global'
  session?: string
  dryRun: boolean
  statePath: string
  /** The Codex order from the usage: what OpenClaw had, what the numbers ask for, whether it was set. */
  order?: { current: string[]; wanted: string[]; changed: boolean; applied: boolean; standings: Record<string, Standing>; why: string }
  /** Why no usage was read, when it could not be. */
  usageError?: string
}

export async function checkAndSwitch(opts: CheckOptions): Promise<Decision> {
  const { env = process.env, now = Date.now() } = opts
  const agentId = assertProfileName(opts.agent ?? 'main', 'agent id')
  // models set has no --agent: the configured default is every agent's, and two agents' checks would flap it.
  if (opts.global && agentId !== 'main') throw new UsageError(`--global changes the default model of every agent, not only ${agentId}'s; drop --global to move ${agentId}'s session`)
  const stateDir = resolveStateDir(env)
  const { data: config } = await loadConfig(resolveConfigPath(env, stateDir))
  const statePath = opts.state ?? resolveStatePath({ config, stateDir, agentId })
  // A dry run only reads; a real one holds the state file's lock from reading it to writing it, so
  // an overlapping run (the cron job and a manual one) decides from what this one wrote.
  if (opts.dryRun) return (await decide(opts, { statePath, state: await loadSwitchState(statePath), now })).result
  const { result } = await updateSwitchState(statePath, ({ data: state }) => decide(opts, { statePath, state, now }), { signal: opts.signal })
  return result
}

async function decide(opts: CheckOptions, { statePath, state, now }: { statePath: string; state: SwitchState; now: number }): Promise<{ data?: SwitchState; result: Decision }> {
  const { env = process.env, signal } = opts
  const threshold = opts.threshold ?? DEFAULT_THRESHOLD
  // OpenClaw's view and the accounts' usage are read side by side: two processes, not one after the other.
  const [status, usage] = await Promise.all([
    loadModelsStatus(env, { agentId: opts.agent, signal }),
    opts.usage === false ? undefined : loadUsageCheck({ env, signal, agent: opts.agent, openclawVersion: opts.openclawVersion, state, threshold, now }).catch((err: unknown) => ({ error: describeUsageError(err) })),
  ])
  const check = usage && !('error' in usage) ? usage : undefined
  const priority = resolvePriority(opts.priority, state.priority, [status.defaultModel, ...status.fallbacks])
  // Every Codex account near or at its limit: move off Codex before a turn hits the wall.
  const blocks = check && !check.codexRoom ? { [check.modelProvider]: { why: `every ${check.modelProvider} account is at or above ${threshold} % of a window`, freesAt: check.freesAt } } : {}
  const choice = chooseModel(status, priority, now, blocks)
  const previous = state.lastEffectiveModel
  const changed = previous !== choice.model
  const via = opts.global ? 'global' : 'session'
  const session = opts.global ? undefined : (opts.session ?? resolveMainSession(opts.agent))
  if (changed && !opts.dryRun) {
    if (opts.global) await setGlobalModel({ model: choice.model, env, signal })
    // Back on the configured default: clear the override rather than pin it.
    else await patchSessionModel({ session: session!, model: choice.model === status.defaultModel ? null : choice.model, env, signal })
  }
  const apply = Boolean(check?.orderChanged) && opts.reorder !== false && !opts.dryRun
  if (apply) await check!.store.saveCodexOrder(check!.wanted)
  const checkedAt = new Date(now).toISOString()
  const result: Decision = {
    checkedAt, previous, chosen: choice.model, changed, reason: choice.reason, why: resolveWhy(choice, previous, now),
    priority, availability: choice.availability, switched: changed && !opts.dryRun, via, session, dryRun: Boolean(opts.dryRun), statePath,
    ...(check ? { order: { current: check.current, wanted: check.wanted, changed: check.orderChanged, applied: apply, standings: check.standings, why: describeStandings(check, (ms) => formatWhen(ms, now)) } } : {}),
    ...(usage && 'error' in usage ? { usageError: usage.error } : {}),
  }
  const data: SwitchState = {
    ...state, lastEffectiveModel: choice.model, lastCheckedAt: checkedAt, priority, profileStatuses: resolveProfileStatuses(status, now),
    ...(check ? { userOrder: check.userOrder, usage: resolveUsageRecord(check), usageCheckedAt: checkedAt, ...(apply ? { appliedOrder: check.wanted } : {}) } : {}),
  }
  return { data: opts.dryRun ? undefined : data, result }
}

export function resolvePriority(flag: string | undefined, remembered: string[] | undefined, configured: Array<string | null>): string[] {
  const list = (flag ? flag.split(',') : remembered ?? configured).map((m) => m?.trim()).filter((m): m is string => Boolean(m))
  if (list.length === 0) throw new CafError('no models to choose from: the config has no primary or fallbacks; run render-config, or pass --priority REF,REF')
  return [...new Set(list)]
}

export function resolveWhy(choice: Choice, previous: string | undefined, now: number): string {
  const blockedAbove = choice.availability.slice(0, choice.availability.findIndex((a) => a.model === choice.model)).find((a) => !a.available)
  if (choice.reason === 'soonest-free') {
    const me = choice.availability.find((a) => a.model === choice.model)!
    return `nothing can answer now; ${choice.model} frees up first, ${formatWhen(me.freesAt!, now)}`
  }
  if (choice.reason === 'nothing-known') return 'nothing can answer and nothing says when; staying on the first in priority'
  if (blockedAbove) return `${blockedAbove.model}: ${blockedAbove.why}${blockedAbove.freesAt ? `, frees up ${formatWhen(blockedAbove.freesAt, now)}` : ''}`
  if (previous && choice.availability.some((a) => a.model === previous)) return `${choice.model} can answer again`
  return previous ? `${choice.model} is first in priority and can answer` : 'first check'
}

export function formatWhen(ms: number, now: number): string {
  const minutes = Math.max(1, Math.round((ms - now) / 60_000))
  const rel = minutes >= 90 ? `${Math.round(minutes / 60)} h` : `${minutes} min`
  return `${new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')} (in ${rel})`
}

/** Nothing changed: nothing on stdout (cron stays quiet); a line per change; --json always prints the record. */
export function formatDecision(d: Decision): Report {
  const lines: string[] = []
  if (d.changed) {
    const where = d.via === 'global' ? 'global default' : `session ${d.session}`
    lines.push(`model ${d.dryRun ? 'would switch' : 'switched'}: ${d.previous ?? '(none)'} → ${d.chosen} (${where}); ${d.why}`)
  }
  if (d.order?.changed) {
    const verb = d.order.applied ? 'reordered' : d.dryRun ? 'would reorder' : 'would reorder (--no-reorder)'
    lines.push(`codex accounts ${verb}: ${d.order.wanted.join(', ')} (was ${d.order.current.join(', ')})${d.order.why ? `; ${d.order.why}` : ''}`)
  }
  return { data: d, lines }
}
