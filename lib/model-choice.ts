// Which model can answer right now: pure functions over `models status`, so the decision is a
// table test. A model is available when its provider has usable auth: a profile that is not
// cooling down, disabled or blocked, or other effective auth OpenClaw reports (an env key, say).
import type { ModelsStatus } from './openclaw/models-status.ts'

export interface ModelAvailability {
  model: string
  provider: string
  available: boolean
  /** When the soonest of its provider's blocked profiles frees up (ms), if it is blocked. */
  freesAt?: number
  /** Why it is not available: "rate_limit cooldown on openai:alice", "no auth". */
  why?: string
}

export interface Choice {
  model: string
  reason: 'available' | 'soonest-free' | 'nothing-known'
  availability: ModelAvailability[]
}

export function resolveProvider(model: string): string {
  const slash = model.indexOf('/')
  return slash > 0 ? model.slice(0, slash) : model
}

/** A provider that cannot answer whatever its profiles say (every Codex account near its limit). */
export interface ProviderBlock {
  why: string
  freesAt?: number
}

export function resolveAvailability(status: ModelsStatus, model: string, now = Date.now(), blocks: Record<string, ProviderBlock> = {}): ModelAvailability {
  const provider = resolveProvider(model)
  const block = blocks[provider]
  if (block) return { model, provider, available: false, why: block.why, ...(block.freesAt !== undefined ? { freesAt: block.freesAt } : {}) }
  const blocked = status.auth.unusableProfiles.filter((u) =>
    (u.provider ?? u.profileId.split(':')[0]) === provider && u.until > now && (!u.model || u.model === model))
  const entry = status.auth.providers.find((p) => p.provider === provider)
  const ids = new Set([
    ...status.auth.oauth.profiles.filter((p) => (p.provider ?? p.profileId.split(':')[0]) === provider && p.status !== 'missing').map((p) => p.profileId),
  ])
  const profileCount = Math.max(entry?.profiles?.count ?? 0, ids.size)
  const blockedIds = new Set(blocked.map((b) => b.profileId))
  const usableProfiles = profileCount - blockedIds.size
  const otherAuth = entry?.effective && !['profiles', 'missing'].includes(entry.effective.kind)
  if (usableProfiles > 0 || otherAuth) return { model, provider, available: true }
  if (blocked.length === 0) return { model, provider, available: false, why: `no usable auth for ${provider}` }
  const soonest = blocked.reduce((a, b) => (b.until < a.until ? b : a))
  const what = blocked.length === 1 ? soonest.profileId : `all ${blocked.length} ${provider} profiles`
  return { model, provider, available: false, freesAt: soonest.until, why: `${soonest.kind}${soonest.reason ? ` (${soonest.reason})` : ''} on ${what}` }
}

/** The first available model in priority order; when none is, the one whose provider frees up first. */
export function chooseModel(status: ModelsStatus, priority: readonly string[], now = Date.now(), blocks: Record<string, ProviderBlock> = {}): Choice {
  const availability = priority.map((m) => resolveAvailability(status, m, now, blocks))
  const first = availability.find((a) => a.available)
  if (first) return { model: first.model, reason: 'available', availability }
  const waiting = availability.filter((a) => a.freesAt !== undefined)
  if (waiting.length > 0) {
    const soonest = waiting.reduce((a, b) => (b.freesAt! < a.freesAt! ? b : a))
    return { model: soonest.model, reason: 'soonest-free', availability }
  }
  return { model: priority[0]!, reason: 'nothing-known', availability }
}
