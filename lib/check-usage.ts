// check-and-switch's use of the usage numbers: read every Codex account's usage, work out the order
// they should be tried in (usage-order.ts), and whether any of them still has room, so the session
// can move off Codex before a turn hits the wall and back once a reset frees an account.
import { loadCodexUsage, type AccountReading } from './account-usage.ts'
import { CafError } from './errors.ts'
import { openAgentStore } from './openclaw/open-store.ts'
import type { AuthStore } from './openclaw/store.ts'
import type { Env } from './openclaw/state-dir.ts'
import type { SwitchState } from './switch-state.ts'
import { hasCodexRoom, resolveSoonestRoom, resolveStanding, resolveUsageOrder, type Standing } from './usage-order.ts'

export interface UsageCheck {
  /** Provider part of the Codex model refs (openai, or openai-codex before 2026.5.12). */
  modelProvider: string
  readings: AccountReading[]
  standings: Record<string, Standing>
  /** The order OpenClaw tries the Codex profiles in now, and the one the numbers ask for. */
  current: string[]
  wanted: string[]
  userOrder: string[]
  orderChanged: boolean
  /** Some account has room (or unknown usage: not known to be out). */
  codexRoom: boolean
  /** When the first account near or at its limit frees up. */
  freesAt?: number
  store: AuthStore
}

export async function loadUsageCheck({ env, signal, agent, openclawVersion, state, threshold, now }: {
  env: Env
  signal?: AbortSignal
  agent?: string
  openclawVersion?: string
  state: SwitchState
  threshold: number
  now: number
}): Promise<UsageCheck> {
  const { store, detection } = await openAgentStore({ agent, openclawVersion, env, signal })
  const usage = await loadCodexUsage({ store, env, signal, now })
  const ids = usage.readings.map((r) => r.profileId)
  const seen = state.usage ?? {}
  const standings = Object.fromEntries(usage.readings.map((r) => [r.profileId, resolveStanding(r.reading, { threshold, wasNear: seen[r.profileId]?.standing === 'near' })]))
  // No explicit order: OpenClaw tries them as stored; an order of ours then makes it explicit.
  const current = usage.order ? [...usage.order, ...ids.filter((id) => !usage.order!.includes(id))] : ids
  const userOrder = resolveUserOrder(current, state)
  const wanted = resolveUsageOrder({ userOrder, standings, previous: state.appliedOrder })
  return {
    modelProvider: detection.modelProvider, readings: usage.readings, standings, current, wanted, userOrder,
    orderChanged: wanted.join('\n') !== current.join('\n'), codexRoom: hasCodexRoom(standings), freesAt: resolveSoonestRoom(standings), store,
  }
}

/**
 * The user's own order: the one remembered, while OpenClaw's order is still the one this tool set
 * (ids added since go after it, removed ones drop out); once the order OpenClaw has differs from
 * that in more than membership, the user (or another tool) chose it, and it is the user's order.
 */
export function resolveUserOrder(current: readonly string[], { userOrder, appliedOrder }: Pick<SwitchState, 'userOrder' | 'appliedOrder'>): string[] {
  if (!userOrder || !appliedOrder) return [...current]
  const common = (a: readonly string[], b: readonly string[]) => a.filter((id) => b.includes(id))
  if (common(current, appliedOrder).join('\n') !== common(appliedOrder, current).join('\n')) return [...current]
  return [...userOrder.filter((id) => current.includes(id)), ...current.filter((id) => !userOrder.includes(id))]
}

/** What the state file keeps of a check's usage: the numbers seen and where each account stood. */
export function resolveUsageRecord(check: UsageCheck): NonNullable<SwitchState['usage']> {
  return Object.fromEntries(check.readings.map(({ profileId, plan, reading }) => {
    const standing = check.standings[profileId]!.kind
    if (reading.status !== 'ok') return [profileId, { status: reading.status, standing }]
    const pick = (w?: { usedPercent: number; resetAt?: number }) => (w ? { usedPercent: w.usedPercent, ...(w.resetAt ? { resetAt: new Date(w.resetAt).toISOString() } : {}) } : undefined)
    return [profileId, { status: 'ok', standing, ...(plan ? { plan } : {}), ...(reading.usage.fiveHour ? { fiveHour: pick(reading.usage.fiveHour) } : {}), ...(reading.usage.week ? { week: pick(reading.usage.week) } : {}) }]
  }))
}

/** "openai:bob at 95 %" / "openai:alice exhausted, frees up <when>" for the human line. */
export function describeStandings(check: UsageCheck, formatWhen: (ms: number) => string): string {
  return check.wanted.flatMap((id) => {
    const s = check.standings[id]
    if (!s || s.kind === 'room' || s.kind === 'unknown') return []
    if (s.kind === 'near') return [`${id} at ${s.usedPercent} %`]
    if (s.kind === 'rejected') return [`${id}: the usage endpoint rejects its login`]
    return [`${id} exhausted${s.resetAt ? `, frees up ${formatWhen(s.resetAt)}` : ''}`]
  }).join('; ')
}

/** A usage read that failed for the whole check (no store, no OpenClaw): said once, never fatal. */
export function describeUsageError(err: unknown): string {
  if (err instanceof CafError) return err.message.split('\n')[0]!
  throw err
}
