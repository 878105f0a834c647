// Where each profile stands in OpenClaw's failover order, as its resolveAuthProfileOrder computes
// it (read in the 2026.2.22 and 2026.9.6 dists): the store's order, else the config's auth.order,
// else the config's auth.profiles of the provider, else every stored profile of it; what is
// cooling down, disabled or blocked goes last, the soonest free first. A session's sticky profile
// (lastGood, a /model pin) is not modelled: this is the order a fresh turn starts from.
import { isPlainObject, type ConfigData } from './openclaw/config.ts'
import type { ProfileSummary } from './openclaw/store.ts'

export type OrderSource = 'openclaw' | 'store' | 'config' | 'default'

export interface EffectiveOrder {
  ids: string[]
  /** Who decided: OpenClaw itself (models status), the store's order, the config's, or none. */
  source: OrderSource
}

export interface OrderInput {
  provider: string
  profiles: readonly ProfileSummary[]
  storeOrder: Record<string, string[]>
  config: ConfigData
  /** Profile id -> ms until which it cannot be used; only entries still in the future count. */
  unusableUntil: Record<string, number>
  now: number
}

const TYPE_RANK: Record<string, number> = { oauth: 0, token: 1, api_key: 2 }

export function resolveEffectiveOrder({ provider, profiles, storeOrder, config, unusableUntil, now }: OrderInput): EffectiveOrder {
  const auth = isPlainObject(config.auth) ? config.auth : {}
  const configured = isPlainObject(auth.profiles) ? auth.profiles : {}
  const configOrder = isPlainObject(auth.order) && Array.isArray(auth.order[provider]) ? asIds(auth.order[provider]) : undefined
  const configProfiles = Object.entries(configured).filter(([, p]) => isPlainObject(p) && p.provider === provider).map(([id]) => id)
  const own = new Map(profiles.filter((p) => p.provider === provider).map((p) => [p.profileId, p]))
  const explicit = storeOrder[provider] ?? configOrder
  const base = explicit ?? (configProfiles.length ? configProfiles : [...own.keys()])
  const source: OrderSource = storeOrder[provider] ? 'store' : configOrder ? 'config' : 'default'
  if (base.length === 0) return { ids: [], source } // an empty explicit order: the provider is off

  // A config entry of another mode than the credential hides it (oauth may name a token).
  const isUsable = (id: string) => {
    const p = own.get(id)
    const entry = configured[id]
    if (!p) return false
    if (!isPlainObject(entry)) return true
    return entry.provider === provider && (entry.mode === p.type || (entry.mode === 'oauth' && p.type === 'token'))
  }
  let ids = [...new Set(base.filter(isUsable))]
  // Every configured id gone from the store: OpenClaw falls back to the stored profiles.
  if (ids.length === 0 && configProfiles.length > 0 && base.every((id) => !own.has(id))) ids = [...own.keys()].filter(isUsable)

  const waiting = (id: string) => (unusableUntil[id] ?? 0) > now
  const free = ids.filter((id) => !waiting(id))
  const later = ids.filter(waiting).sort((a, b) => unusableUntil[a]! - unusableUntil[b]!)
  if (explicit) return { ids: [...free, ...later], source }
  const rank = (id: string) => TYPE_RANK[own.get(id)!.type] ?? 3
  const sorted = free.sort((a, b) => rank(a) - rank(b) || (own.get(a)!.usage?.lastUsed ?? 0) - (own.get(b)!.usage?.lastUsed ?? 0))
  return { ids: [...sorted, ...later], source }
}

function asIds(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}
