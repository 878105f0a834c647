// The stand-in's accounts and the controls a test turns: how much of a window is used, an
// account marked out until a reset, its plan and its window layout. Every answered turn is
// charged here, so a run of turns walks an account to its limit the way real use does.
import {
  changeLayout, chargeTurn, createQuota, findWindow, resolveLimit, resolveLimitReply, resolveRateLimitHeaders,
  resolveUsagePayload, rollWindows, setUsed, type AccountQuota, type QuotaWindow, type TurnCost, type WindowKind, type WindowLayout,
} from './quota.ts'

export interface AccountSpec {
  /** The token's chatgpt_account_id claim. */
  accountId: string
  /** Shown in the log and the reply instead of a token: the account's email, say. */
  label?: string
  plan?: string
  layout?: WindowLayout
  cost?: Partial<TurnCost>
  /** Start out of quota (the five-hour window, or the week in a week-only layout). */
  out?: boolean
}

export interface AccountState {
  accountId: string
  label?: string
  quota: AccountQuota
  /** Turns answered with a reply (not 429s). */
  answered: number
}

export interface AccountSnapshot {
  accountId: string
  label?: string
  plan: string
  layout: WindowLayout
  windows: QuotaWindow[]
  limited: boolean
  answered: number
}

export type Turn =
  | { answered: true; headers: Record<string, string> }
  | { answered: false; body: unknown; retryAfterSeconds: number; headers: Record<string, string> }

export interface AccountControls {
  add(spec: AccountSpec): void
  get(accountId: string): AccountSnapshot
  /** Sets a window's used percent (100 = out until its reset); `resetsInSeconds` moves the reset. */
  setUsed(accountId: string, window: WindowKind, usedPercent: number, opts?: { resetsInSeconds?: number }): void
  /** Out of quota until the window resets (by default its own reset; the 5-hour one where there is one). */
  markOut(accountId: string, opts?: { window?: WindowKind; resetsInSeconds?: number }): void
  /** Every window back to 0 % used. */
  restore(accountId: string): void
  setPlan(accountId: string, plan: string): void
  setLayout(accountId: string, layout: WindowLayout): void
  setCost(accountId: string, cost: Partial<TurnCost>): void
}

export interface Accounts extends AccountControls {
  find(accountId: string): AccountState | undefined
  /** Charges one turn when the account has room; otherwise the 429 to send. */
  takeTurn(accountId: string): Turn
  usagePayload(accountId: string): unknown
}

const DEFAULT_COST: TurnCost = { fiveHour: 10, week: 2 }

export function createAccounts({ now, cost = DEFAULT_COST }: { now: () => number; cost?: TurnCost }): Accounts {
  const byId = new Map<string, AccountState>()

  /** The account with its windows rolled to the present: a passed reset has taken effect. */
  function current(accountId: string): AccountState {
    const state = byId.get(accountId)
    if (!state) throw new Error(`the stand-in has no account ${accountId}`)
    rollWindows(state.quota, now())
    return state
  }

  const controls: Accounts = {
    add({ accountId, label, plan, layout, cost: own, out }) {
      if (byId.has(accountId)) throw new Error(`account ${accountId} is already registered`)
      const quota = createQuota({ plan, layout, cost: { ...cost, ...own }, now: now() })
      byId.set(accountId, { accountId, label, quota, answered: 0 })
      if (out) controls.markOut(accountId)
    },
    find: (accountId) => (byId.has(accountId) ? current(accountId) : undefined),
    get(accountId) {
      const { label, quota, answered } = current(accountId)
      return { accountId, label, plan: quota.plan, layout: quota.layout, windows: quota.windows.map((w) => ({ ...w })), limited: resolveLimit(quota).limited, answered }
    },
    setUsed(accountId, window, usedPercent, { resetsInSeconds } = {}) {
      setUsed(current(accountId).quota, window, usedPercent, { now: now(), resetsInSeconds })
    },
    markOut(accountId, { window, resetsInSeconds } = {}) {
      const { quota } = current(accountId)
      const kind = window ?? (findWindow(quota, 'five-hour') ? 'five-hour' : 'week')
      setUsed(quota, kind, 100, { now: now(), resetsInSeconds })
    },
    restore(accountId) {
      for (const w of current(accountId).quota.windows) w.usedPercent = 0
    },
    setPlan(accountId, plan) {
      current(accountId).quota.plan = plan
    },
    setLayout(accountId, layout) {
      changeLayout(current(accountId).quota, layout, now())
    },
    setCost(accountId, own) {
      const { quota } = current(accountId)
      quota.cost = { ...quota.cost, ...own }
    },
    takeTurn(accountId) {
      const state = current(accountId)
      const limit = resolveLimit(state.quota)
      if (limit.limited) {
        const { body, retryAfterSeconds } = resolveLimitReply(state.quota, limit.resetAt, now())
        return { answered: false, body, retryAfterSeconds, headers: resolveRateLimitHeaders(state.quota) }
      }
      chargeTurn(state.quota)
      state.answered++
      return { answered: true, headers: resolveRateLimitHeaders(state.quota) }
    },
    usagePayload(accountId) {
      const { label, quota } = current(accountId)
      return resolveUsagePayload(quota, { accountId, email: label?.includes('@') ? label : undefined, now: now() })
    },
  }
  return controls
}
