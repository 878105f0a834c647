// The order to try Codex accounts in, from how much room each has (pure; the clock is a parameter):
// accounts with room keep the user's own order among themselves; accounts at or above the
// threshold in any window follow, most room first; exhausted accounts (or whose login the usage
// endpoint rejects) go last, soonest reset first. An account whose usage is unknown keeps its place
// with the ones that have room: not knowing is never read as exhausted. Hysteresis keeps two checks
// with nearly equal numbers from flipping the order back and forth.
import type { UsageReading, UsageWindow } from './chatgpt-usage.ts'

export const DEFAULT_THRESHOLD = 90
/** Points of usage by which a reading must move before it changes the order it made last time. */
export const HYSTERESIS_POINTS = 5

export type Standing =
  | { kind: 'room'; usedPercent?: number }
  | { kind: 'near'; usedPercent: number; resetAt?: number }
  | { kind: 'exhausted'; resetAt?: number }
  | { kind: 'rejected' }
  | { kind: 'unknown' }

function windowsOf(reading: Extract<UsageReading, { status: 'ok' }>): UsageWindow[] {
  const { fiveHour, week, other } = reading.usage
  return [fiveHour, week, ...other].filter((w): w is UsageWindow => Boolean(w))
}

/**
 * Where an account stands. `wasNear`: it stood at or above the threshold at the last check; then it
 * counts as having room again only once every window is HYSTERESIS_POINTS below the threshold.
 */
export function resolveStanding(reading: UsageReading | undefined, { threshold = DEFAULT_THRESHOLD, wasNear = false } = {}): Standing {
  if (!reading || reading.status === 'unknown' || reading.status === 'expired') return { kind: 'unknown' }
  if (reading.status === 'login-rejected') return { kind: 'rejected' }
  const windows = windowsOf(reading)
  const full = windows.filter((w) => w.usedPercent >= 100)
  if (reading.usage.limitReached || full.length) {
    // Blocked until the last full window resets (a 5 h window with room does not help while the week is full).
    const resets = (full.length ? full : windows).map((w) => w.resetAt).filter((t): t is number => t !== undefined)
    return { kind: 'exhausted', ...(resets.length ? { resetAt: Math.max(...resets) } : {}) }
  }
  const used = Math.max(0, ...windows.map((w) => w.usedPercent))
  const bar = wasNear ? threshold - HYSTERESIS_POINTS : threshold
  if (windows.length && used >= bar) {
    const worst = windows.filter((w) => w.usedPercent === used).map((w) => w.resetAt).filter((t): t is number => t !== undefined)
    return { kind: 'near', usedPercent: used, ...(worst.length ? { resetAt: Math.min(...worst) } : {}) }
  }
  return { kind: 'room', ...(windows.length ? { usedPercent: used } : {}) }
}

export interface OrderInput {
  /** The user's own order of the Codex profiles (the one to keep among accounts with room). */
  userOrder: readonly string[]
  standings: Record<string, Standing>
  /** The order this tool set last time, for hysteresis among the accounts near their limit. */
  previous?: readonly string[]
}

/** Profiles not in userOrder keep their relative order after it (they are still tried). */
export function resolveUsageOrder({ userOrder, standings, previous = [] }: OrderInput): string[] {
  const ids = [...new Set([...userOrder, ...Object.keys(standings)])]
  const kind = (id: string) => standings[id]?.kind ?? 'unknown'
  const room = ids.filter((id) => kind(id) === 'room' || kind(id) === 'unknown')
  const near = ids.filter((id) => kind(id) === 'near')
  const last = ids.filter((id) => kind(id) === 'exhausted' || kind(id) === 'rejected')
  return [...room, ...orderNear(near, standings, previous), ...orderExhausted(last, standings)]
}

/**
 * Most room first, starting from last time's order: an account moves ahead of another only with at
 * least HYSTERESIS_POINTS more room, so 95 % and 96 % do not swap at every check.
 */
function orderNear(ids: string[], standings: Record<string, Standing>, previous: readonly string[]): string[] {
  const used = (id: string) => (standings[id] as { usedPercent: number }).usedPercent
  const rank = (id: string) => { const i = previous.indexOf(id); return i < 0 ? Infinity : i }
  const out = [...ids].sort((a, b) => rank(a) - rank(b) || used(a) - used(b))
  for (let moved = true; moved;) {
    moved = false
    for (let i = 1; i < out.length; i++) {
      if (used(out[i - 1]!) - used(out[i]!) >= HYSTERESIS_POINTS) {
        ;[out[i - 1], out[i]] = [out[i]!, out[i - 1]!]
        moved = true
      }
    }
  }
  return out
}

/** Exhausted accounts, soonest reset first; a rejected login (no reset will help) after them. */
function orderExhausted(ids: string[], standings: Record<string, Standing>): string[] {
  const at = (id: string) => { const s = standings[id]; return s?.kind === 'exhausted' ? s.resetAt ?? Infinity : Infinity }
  const rejected = (id: string) => Number(standings[id]?.kind === 'rejected')
  return [...ids].sort((a, b) => rejected(a) - rejected(b) || at(a) - at(b))
}

/** Whether a Codex model can be counted on: some account has room (or unknown usage: not known to be out). */
export function hasCodexRoom(standings: Record<string, Standing>): boolean {
  const all = Object.values(standings)
  return all.length === 0 || all.some((s) => s.kind === 'room' || s.kind === 'unknown')
}

/** When the first account near or at its limit frees up, if any says. */
export function resolveSoonestRoom(standings: Record<string, Standing>): number | undefined {
  const times = Object.values(standings).flatMap((s) => ('resetAt' in s && s.resetAt !== undefined ? [s.resetAt] : []))
  return times.length ? Math.min(...times) : undefined
}
