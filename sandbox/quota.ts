// One ChatGPT account's usage limits, as the Codex backend keeps them: a 5-hour and a weekly
// window for Plus/Pro, or a single weekly window in the primary slot (free accounts, some Pro
// ones). A window is kept by its length, not its slot: callers say "five-hour" or "week" and the
// layout decides where it shows up in /wham/usage. Pure: time comes in as `now` (ms).

export const FIVE_HOURS_S = 18_000
export const WEEK_S = 604_800

export type WindowKind = 'five-hour' | 'week'
/** `five-hour+week`: Plus/Pro; `week-only`: one weekly window in primary_window, secondary null. */
export type WindowLayout = 'five-hour+week' | 'week-only'

export interface QuotaWindow {
  kind: WindowKind
  /** 0..100; fractional inside, whole numbers on the wire (the real API sends integers). */
  usedPercent: number
  /** When this window resets, ms since the epoch. */
  resetAt: number
}

export interface TurnCost {
  /** Percent of the 5-hour window one answered turn uses. */
  fiveHour: number
  /** Percent of the weekly window one answered turn uses. */
  week: number
}

export interface AccountQuota {
  plan: string
  layout: WindowLayout
  cost: TurnCost
  windows: QuotaWindow[]
}

export const lengthOf = (kind: WindowKind): number => (kind === 'five-hour' ? FIVE_HOURS_S : WEEK_S)
const kindsOf = (layout: WindowLayout): WindowKind[] => (layout === 'week-only' ? ['week'] : ['five-hour', 'week'])

/** A fresh account; each window's clock starts now. */
export function createQuota({ plan = 'plus', layout = 'five-hour+week', cost = { fiveHour: 10, week: 2 }, now }: {
  plan?: string
  layout?: WindowLayout
  cost?: TurnCost
  now: number
}): AccountQuota {
  return { plan, layout, cost, windows: kindsOf(layout).map((kind) => freshWindow(kind, now)) }
}

function freshWindow(kind: WindowKind, now: number): QuotaWindow {
  return { kind, usedPercent: 0, resetAt: now + lengthOf(kind) * 1000 }
}

/** Windows whose reset time has passed start over, as the real ones do. */
export function rollWindows(q: AccountQuota, now: number): void {
  q.windows = q.windows.map((w) => (now >= w.resetAt ? freshWindow(w.kind, now) : w))
}

/** Another layout keeps what the windows both layouts share (the week) as it was. */
export function changeLayout(q: AccountQuota, layout: WindowLayout, now: number): void {
  q.layout = layout
  q.windows = kindsOf(layout).map((kind) => q.windows.find((w) => w.kind === kind) ?? freshWindow(kind, now))
}

export function findWindow(q: AccountQuota, kind: WindowKind): QuotaWindow | undefined {
  return q.windows.find((w) => w.kind === kind)
}

/** Sets a window's used share; with `resetsInSeconds` its reset moves too. */
export function setUsed(q: AccountQuota, kind: WindowKind, usedPercent: number, { now, resetsInSeconds }: { now: number; resetsInSeconds?: number }): void {
  const w = findWindow(q, kind)
  if (!w) throw new Error(`this account's layout (${q.layout}) has no ${kind} window`)
  w.usedPercent = Math.min(100, Math.max(0, usedPercent))
  if (resetsInSeconds !== undefined) w.resetAt = now + resetsInSeconds * 1000
}

/** The limit the account is under: the exhausted windows, and when the last of them resets. */
export function resolveLimit(q: AccountQuota): { limited: false } | { limited: true; resetAt: number; windows: WindowKind[] } {
  const out = q.windows.filter((w) => w.usedPercent >= 100)
  if (!out.length) return { limited: false }
  return { limited: true, resetAt: Math.max(...out.map((w) => w.resetAt)), windows: out.map((w) => w.kind) }
}

/** One answered turn's share comes off every window. */
export function chargeTurn(q: AccountQuota): void {
  for (const w of q.windows) w.usedPercent = Math.min(100, w.usedPercent + (w.kind === 'five-hour' ? q.cost.fiveHour : q.cost.week))
}

const wholePercent = (p: number) => Math.min(100, Math.round(p))
const secondsUntil = (ms: number, now: number) => Math.max(0, Math.ceil((ms - now) / 1000))

function wireWindow(w: QuotaWindow, now: number) {
  return {
    used_percent: wholePercent(w.usedPercent),
    limit_window_seconds: lengthOf(w.kind),
    reset_after_seconds: secondsUntil(w.resetAt, now),
    reset_at: Math.floor(w.resetAt / 1000),
  }
}

/** GET /wham/usage for this account, shaped like a captured real reply. */
export function resolveUsagePayload(q: AccountQuota, { accountId, email, now }: { accountId: string; email?: string; now: number }) {
  const limit = resolveLimit(q)
  const [primary, secondary] = q.windows
  return {
    user_id: `user-${accountId}`,
    account_id: accountId,
    ...(email ? { email } : {}),
    plan_type: q.plan,
    rate_limit: {
      allowed: !limit.limited,
      limit_reached: limit.limited,
      primary_window: primary ? wireWindow(primary, now) : null,
      secondary_window: secondary ? wireWindow(secondary, now) : null,
    },
    additional_rate_limits: null,
    credits: { has_credits: false, unlimited: false, balance: '0' },
    // What OpenClaw 2026.9's usage probe reads to tell a plan limit from a credits problem.
    rate_limit_reached_type: limit.limited ? { type: 'rate_limit_reached' } : null,
    promo: null,
  }
}

/** The 429 a limited account gets on /codex/responses, and its retry-after in seconds. */
export function resolveLimitReply(q: AccountQuota, resetAt: number, now: number) {
  const resetsIn = secondsUntil(resetAt, now)
  return {
    retryAfterSeconds: resetsIn,
    body: {
      error: {
        type: 'usage_limit_reached',
        message: 'The usage limit has been reached',
        plan_type: q.plan,
        resets_at: Math.floor(resetAt / 1000),
        resets_in_seconds: resetsIn,
      },
    },
  }
}

/** The x-codex-* headers the Codex CLI reads off every model response (codex-rs rate_limits.rs). */
export function resolveRateLimitHeaders(q: AccountQuota): Record<string, string> {
  const headers: Record<string, string> = {}
  q.windows.forEach((w, i) => {
    const slot = i === 0 ? 'primary' : 'secondary'
    headers[`x-codex-${slot}-used-percent`] = String(wholePercent(w.usedPercent))
    headers[`x-codex-${slot}-window-minutes`] = String(lengthOf(w.kind) / 60)
    headers[`x-codex-${slot}-reset-at`] = String(Math.floor(w.resetAt / 1000))
  })
  headers['x-codex-credits-has-credits'] = 'false'
  headers['x-codex-credits-unlimited'] = 'false'
  return headers
}
