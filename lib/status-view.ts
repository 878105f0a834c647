// What status shows, as data: one row per stored profile with what the store, the config and (when
// it ran) `openclaw models status` say about it. Pure: every input, the clock too, is a parameter.
// Only fields picked here reach the output, so nothing token-like (models status prints a masked
// API key under providers[].effective.detail) can slip through.
import { isPlainObject, type ConfigData } from './openclaw/config.ts'
import type { Detection } from './openclaw/detect.ts'
import type { ModelsStatus } from './openclaw/models-status.ts'
import type { ProfileSummary } from './openclaw/store.ts'
import { resolveEffectiveOrder, type EffectiveOrder } from './profile-order.ts'
import type { AccountReading } from './account-usage.ts'
import type { UsageReading } from './chatgpt-usage.ts'
import { DEFAULT_THRESHOLD, resolveStanding, type Standing } from './usage-order.ts'

export interface UnusableState {
  kind: string
  reason?: string
  /** ms since the epoch */
  until: number
  model?: string
}

export interface StatusRow {
  profileId: string
  provider: string
  type: string
  email?: string
  plan?: string
  accountId?: string
  /** Access-token expiry, ms since the epoch. */
  expires?: number
  hasRefresh: boolean
  /** OpenClaw recorded a failed refresh (2026.9): a new login is needed. */
  refreshFailed: boolean
  /** Cooldowns, disabled and blocked windows still running, soonest end first. */
  unusable: UnusableState[]
  /** 1-based place in its provider's effective order; absent: OpenClaw will not pick it. */
  position?: number
  lastUsed?: number
  /** What the usage endpoint said of the account (Codex profiles; absent with --no-usage). */
  usage?: RowUsage
}

export interface RowUsage {
  status: UsageReading['status']
  /** room / near (at or above the threshold) / exhausted / rejected / unknown. */
  standing: Standing['kind']
  fiveHour?: { usedPercent: number; resetAt?: number }
  week?: { usedPercent: number; resetAt?: number }
  /** Why nothing is known (network error, HTTP 500), or which login the endpoint rejected. */
  reason?: string
}

export interface StatusView {
  checkedAt: number
  openclaw: Pick<Detection, 'version' | 'source' | 'store' | 'provider' | 'modelProvider'>
  storePath: string
  configPath: string
  primary?: string
  fallbacks: string[]
  /** Effective order by provider, Codex's first. */
  order: Record<string, EffectiveOrder>
  /** Codex profiles first, then the others; each group in its effective order. */
  profiles: StatusRow[]
  notes: string[]
}

export interface StatusInputs {
  detection: Detection
  storePath: string
  configPath: string
  profiles: readonly ProfileSummary[]
  storeOrder: Record<string, string[]>
  config: ConfigData
  /** Absent when OpenClaw could not be run; notes say why. */
  modelsStatus?: ModelsStatus
  /** The Codex accounts' usage, when it was read. */
  usage?: AccountReading[]
  threshold?: number
  notes?: string[]
  now: number
}

export function resolveStatusView(input: StatusInputs): StatusView {
  const { detection, profiles, modelsStatus, now } = input
  const unusable = new Map(profiles.map((p) => [p.profileId, resolveUnusable(p, modelsStatus, now)]))
  const unusableUntil = Object.fromEntries([...unusable].flatMap(([id, states]) => (states.length ? [[id, Math.max(...states.map((s) => s.until))]] : [])))
  const providers = [...new Set(profiles.map((p) => p.provider))].sort((a, b) => Number(b === detection.provider) - Number(a === detection.provider) || a.localeCompare(b))
  const order: Record<string, EffectiveOrder> = {}
  for (const provider of providers) {
    const fromOpenclaw = modelsStatus?.auth.oauth.providers?.find((p) => p.provider === provider)?.effectiveProfiles
    order[provider] = fromOpenclaw
      ? { ids: fromOpenclaw.map((p) => p.profileId), source: 'openclaw' }
      : resolveEffectiveOrder({ provider, profiles, storeOrder: input.storeOrder, config: input.config, unusableUntil, now })
  }
  const rows = profiles.map((p): StatusRow => {
    const at = order[p.provider]!.ids.indexOf(p.profileId)
    const usage = input.usage?.find((u) => u.profileId === p.profileId)
    const plan = usage?.plan ?? p.plan
    return {
      profileId: p.profileId,
      provider: p.provider,
      type: p.type,
      ...(p.email ? { email: p.email } : {}),
      ...(plan ? { plan } : {}),
      ...(p.accountId ? { accountId: p.accountId } : {}),
      ...(p.expires !== undefined ? { expires: p.expires } : {}),
      hasRefresh: p.hasRefresh,
      refreshFailed: Boolean(p.refreshFailed),
      unusable: unusable.get(p.profileId)!,
      ...(at >= 0 ? { position: at + 1 } : {}),
      ...(p.usage?.lastUsed !== undefined ? { lastUsed: p.usage.lastUsed } : {}),
      ...resolveRowUsage(usage, input.threshold),
    }
  })
  const last = Number.MAX_SAFE_INTEGER
  rows.sort((a, b) => providers.indexOf(a.provider) - providers.indexOf(b.provider) || (a.position ?? last) - (b.position ?? last))
  return {
    checkedAt: now,
    openclaw: { version: detection.version, source: detection.source, store: detection.store, provider: detection.provider, modelProvider: detection.modelProvider },
    storePath: input.storePath,
    configPath: input.configPath,
    ...resolveModels(input.config, modelsStatus),
    order,
    profiles: rows,
    notes: input.notes ?? [],
  }
}

function resolveRowUsage(reading: AccountReading | undefined, threshold = DEFAULT_THRESHOLD): { usage?: RowUsage } {
  if (!reading) return {}
  const { reading: r } = reading
  const standing = resolveStanding(r, { threshold }).kind
  if (r.status !== 'ok') return { usage: { status: r.status, standing, ...(r.status === 'unknown' ? { reason: r.reason } : r.status === 'login-rejected' ? { reason: `HTTP ${r.httpStatus}` } : {}) } }
  const pick = (w?: { usedPercent: number; resetAt?: number }) => (w ? { usedPercent: w.usedPercent, ...(w.resetAt !== undefined ? { resetAt: w.resetAt } : {}) } : undefined)
  return { usage: { status: 'ok', standing, ...(r.usage.fiveHour ? { fiveHour: pick(r.usage.fiveHour) } : {}), ...(r.usage.week ? { week: pick(r.usage.week) } : {}) } }
}

const STORE_WINDOWS = [['cooldown', 'cooldownUntil', 'cooldownReason'], ['disabled', 'disabledUntil', 'disabledReason'], ['blocked', 'blockedUntil', 'blockedReason']] as const

/** The store's windows, overlaid by what models status reports (it is OpenClaw's own reading). */
function resolveUnusable(p: ProfileSummary, status: ModelsStatus | undefined, now: number): UnusableState[] {
  const byKind = new Map<string, UnusableState>()
  for (const [kind, untilKey, reasonKey] of STORE_WINDOWS) {
    const until = p.usage?.[untilKey]
    const reason = p.usage?.[reasonKey]
    const model = kind === 'blocked' ? p.usage?.blockedModel : undefined
    if (typeof until === 'number') byKind.set(kind, { kind, ...(reason ? { reason } : {}), until, ...(model ? { model } : {}) })
  }
  for (const u of status?.auth.unusableProfiles ?? []) {
    if (u.profileId !== p.profileId) continue
    const before = byKind.get(u.kind)
    const reason = u.reason ?? before?.reason
    byKind.set(u.kind, { kind: u.kind, ...(reason ? { reason } : {}), until: u.until, ...(u.model ? { model: u.model } : {}) })
  }
  return [...byKind.values()].filter((s) => s.until > now).sort((a, b) => a.until - b.until)
}

/** Primary and fallbacks as OpenClaw resolved them, else as the config says. */
function resolveModels(config: ConfigData, status: ModelsStatus | undefined): { primary?: string; fallbacks: string[] } {
  if (status) return { ...(status.defaultModel ? { primary: status.defaultModel } : {}), fallbacks: status.fallbacks }
  const agents = isPlainObject(config.agents) ? config.agents : {}
  const defaults = isPlainObject(agents.defaults) ? agents.defaults : {}
  const model = typeof defaults.model === 'string' ? { primary: defaults.model } : isPlainObject(defaults.model) ? defaults.model : {}
  const fallbacks = Array.isArray(model.fallbacks) ? model.fallbacks.filter((f): f is string => typeof f === 'string') : []
  return { ...(typeof model.primary === 'string' ? { primary: model.primary } : {}), fallbacks }
}
