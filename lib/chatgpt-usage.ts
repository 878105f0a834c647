// How much of a ChatGPT account's Codex quota is used: GET {base}/wham/usage, the endpoint the Codex
// CLI's status line reads (codex-rs backend-client), one call per account. Windows are told apart by
// their length, not their slot: Plus/Pro accounts usually carry 5 hours in primary_window and a week
// in secondary_window, but free and some Pro accounts carry a single weekly window in primary_window.
// A failed read is a value: 401/403 means the login is gone, anything else is "unknown", which the
// callers never read as "exhausted".
import { z } from 'zod'
// Inlined by the bundle build, so the bundle runs wherever it is put.
import pkg from '../package.json' with { type: 'json' }

export const DEFAULT_CHATGPT_BASE_URL = 'https://chatgpt.com/backend-api'
const USAGE_PATH = '/wham/usage'
export const USER_AGENT = `codex-auth-fallback/${pkg.version}`
export const DEFAULT_USAGE_TIMEOUT_MS = 10_000

const FIVE_HOURS_S = 5 * 3600
const WEEK_S = 7 * 24 * 3600

const windowSchema = z.object({
  used_percent: z.number(),
  limit_window_seconds: z.number().positive(),
  reset_after_seconds: z.number().optional(),
  reset_at: z.number().optional(),
}).loose()

const usageSchema = z.object({
  plan_type: z.string().nullish(),
  rate_limit: z.object({
    allowed: z.boolean().optional(),
    limit_reached: z.boolean().optional(),
    primary_window: windowSchema.nullish(),
    secondary_window: windowSchema.nullish(),
  }).loose().nullish(),
}).loose()

export interface UsageWindow {
  /** 0..100 (the endpoint sends whole numbers). */
  usedPercent: number
  windowSeconds: number
  /** ms since the epoch; absent when the reply gave no reset. */
  resetAt?: number
}

export interface AccountUsage {
  plan?: string
  fiveHour?: UsageWindow
  week?: UsageWindow
  /** Windows of other lengths (none seen so far), kept so a full one still counts. */
  other: UsageWindow[]
  /** The endpoint says the limit is reached (any window). */
  limitReached: boolean
}

export type UsageReading =
  | { status: 'ok'; usage: AccountUsage }
  /** 401/403: the endpoint rejects this login; a new sign-in is needed. */
  | { status: 'login-rejected'; httpStatus: number }
  /** The access token has expired: not refreshed here (refresh tokens are single-use; OpenClaw owns them). */
  | { status: 'expired' }
  /** Network error, timeout, 5xx, or a reply of another shape: nothing known. */
  | { status: 'unknown'; reason: string }

export function resolveUsageBaseUrl(env: Record<string, string | undefined> = process.env): string {
  return (env.CHATGPT_BASE_URL?.trim() || DEFAULT_CHATGPT_BASE_URL).replace(/\/+$/, '')
}

/** Sorts the reply's windows by length: about 5 hours, about a week, or other. */
export function classifyWindows(rateLimit: z.infer<typeof usageSchema>['rate_limit'], now = Date.now()): Pick<AccountUsage, 'fiveHour' | 'week' | 'other'> {
  const out: Pick<AccountUsage, 'fiveHour' | 'week' | 'other'> = { other: [] }
  for (const w of [rateLimit?.primary_window, rateLimit?.secondary_window]) {
    if (!w) continue
    const resetAt = w.reset_at !== undefined ? w.reset_at * 1000 : w.reset_after_seconds !== undefined ? now + w.reset_after_seconds * 1000 : undefined
    const window: UsageWindow = { usedPercent: Math.max(0, Math.min(100, w.used_percent)), windowSeconds: w.limit_window_seconds, ...(resetAt !== undefined ? { resetAt } : {}) }
    // Nearest of the two known lengths within a factor of two; anything else is kept aside.
    const kind = Math.abs(Math.log(w.limit_window_seconds / FIVE_HOURS_S)) < Math.log(2) ? 'fiveHour'
      : Math.abs(Math.log(w.limit_window_seconds / WEEK_S)) < Math.log(2) ? 'week' : undefined
    if (kind && !out[kind]) out[kind] = window
    else out.other.push(window)
  }
  return out
}

export function parseUsage(body: unknown, now = Date.now()): AccountUsage | undefined {
  const r = usageSchema.safeParse(body)
  if (!r.success) return undefined
  const windows = classifyWindows(r.data.rate_limit, now)
  const full = [windows.fiveHour, windows.week, ...windows.other].some((w) => w && w.usedPercent >= 100)
  return { ...(r.data.plan_type ? { plan: r.data.plan_type } : {}), ...windows, limitReached: Boolean(r.data.rate_limit?.limit_reached) || full }
}

export interface UsageRequest {
  accessToken: string
  accountId: string
  /** ms since the epoch, when known: an expired token is reported, not sent. */
  expires?: number
  baseUrl: string
  timeoutMs?: number
  signal?: AbortSignal
  now?: number
  fetch?: typeof fetch
}

export async function fetchAccountUsage({ accessToken, accountId, expires, baseUrl, timeoutMs = DEFAULT_USAGE_TIMEOUT_MS, signal, now = Date.now(), fetch: doFetch = fetch }: UsageRequest): Promise<UsageReading> {
  if (expires !== undefined && expires <= now) return { status: 'expired' }
  const timeout = AbortSignal.timeout(timeoutMs)
  let res: Response
  try {
    res = await doFetch(`${baseUrl}${USAGE_PATH}`, {
      headers: { authorization: `Bearer ${accessToken}`, 'chatgpt-account-id': accountId, 'user-agent': USER_AGENT, accept: 'application/json' },
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      redirect: 'error',
    })
  } catch (err) {
    if (signal?.aborted) throw err
    // The message names the host at most, never the request's headers.
    return { status: 'unknown', reason: timeout.aborted ? `no answer within ${timeoutMs} ms` : describeNetworkError(err) }
  }
  if (res.status === 401 || res.status === 403) return { status: 'login-rejected', httpStatus: res.status }
  if (!res.ok) return { status: 'unknown', reason: `HTTP ${res.status}` }
  const usage = parseUsage(await res.json().catch(() => undefined), now)
  return usage ? { status: 'ok', usage } : { status: 'unknown', reason: 'a reply of another shape' }
}

function describeNetworkError(err: unknown): string {
  const cause = (err as { cause?: { code?: string } })?.cause
  return cause?.code ? `network error (${cause.code})` : 'network error'
}
