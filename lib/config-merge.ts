// What render-config does to openclaw.json, as pure functions: the template merged in, the model
// flags applied, and auth.profiles / auth.order brought in line with the credential store.
import { UsageError } from './errors.ts'
import { isPlainObject, type ConfigData } from './openclaw/config.ts'
import type { ProfileSummary } from './openclaw/store.ts'

export interface ConfigMergeInput {
  config: ConfigData
  /** A fragment of openclaw.json (templates/render-config.*.json5). */
  template: ConfigData
  /** Every profile in the store, in the store's order. */
  profiles: readonly ProfileSummary[]
  /** Provider id of Codex profiles in this generation. */
  provider: string
  /** Codex providers this release has retired (from 2026.6.1 `openai-codex`): their entries are leftovers. */
  retiredProviders?: readonly string[]
  primary?: string
  fallbacks?: readonly string[]
  /**
   * The agent runtime every Codex model (`<modelProvider>/...`) is pinned to, on releases that pick
   * one per model. A runtime the config already names for a model is kept unless `force` (the user
   * asked for this one with --runtime).
   */
  runtime?: { modelProvider: string; id: string; force?: boolean }
}

export interface ConfigMergeResult {
  config: ConfigData
  /** Ids dropped from auth.profiles and auth.order because the store no longer has them. */
  stale: string[]
  /** Aliases taken from one model for another, "opus: anthropic/a -> anthropic/b". */
  movedAliases: string[]
}


export function resolveConfigMerge(input: ConfigMergeInput): ConfigMergeResult {
  const config = mergeFragment(structuredClone(input.config), input.template)
  const defaults = ensureObject(ensureObject(config, 'agents'), 'defaults')
  const model = resolveModel(defaults.model, input)
  defaults.model = model
  const movedAliases = applyModelEntries(defaults, [model.primary, ...model.fallbacks], input.template)
  if (input.runtime) applyRuntime(defaults, [model.primary, ...model.fallbacks], input.runtime)
  applyModelPolicy(defaults, [model.primary, ...model.fallbacks])
  const stale = applyAuth(config, input)
  return { config, stale, movedAliases }
}

/** Objects merge key by key; anything else in the fragment (a string, a list) replaces the target's. */
export function mergeFragment(target: ConfigData, fragment: ConfigData): ConfigData {
  for (const [key, value] of Object.entries(fragment)) {
    const current = target[key]
    target[key] = isPlainObject(value) && isPlainObject(current) ? mergeFragment(current, value) : structuredClone(value)
  }
  return target
}

function resolveModel(current: unknown, { primary, fallbacks }: ConfigMergeInput): { primary: string; fallbacks: string[] } & ConfigData {
  // OpenClaw 2026.9 also takes a bare string; 2026.2.22 only {primary, fallbacks}, so always write that.
  const base = isPlainObject(current) ? current : typeof current === 'string' ? { primary: current } : {}
  const chosen = primary ?? base.primary
  if (typeof chosen !== 'string' || !chosen) {
    throw new UsageError('no primary model: pass --primary REF, or set agents.defaults.model.primary in the template')
  }
  const list = fallbacks ?? (Array.isArray(base.fallbacks) ? base.fallbacks.filter((f): f is string => typeof f === 'string') : [])
  return { ...base, primary: chosen, fallbacks: [...new Set(list)].filter((f) => f !== chosen) }
}

/**
 * Every model used gets an entry in agents.defaults.models (2026.2.22 treats that map as the
 * allowlist: a fallback missing from it is never tried). An alias the template gives is taken
 * from any other model holding it, so `/model opus` stays unambiguous.
 */
function applyModelEntries(defaults: ConfigData, refs: string[], template: ConfigData): string[] {
  const models = ensureObject(defaults, 'models')
  for (const ref of refs) if (!isPlainObject(models[ref])) models[ref] = {}
  const wanted = readPath(template, ['agents', 'defaults', 'models'])
  const moved: string[] = []
  for (const [ref, entry] of Object.entries(isPlainObject(wanted) ? wanted : {})) {
    const alias = isPlainObject(entry) ? entry.alias : undefined
    if (typeof alias !== 'string') continue
    for (const [other, otherEntry] of Object.entries(models)) {
      if (other !== ref && isPlainObject(otherEntry) && otherEntry.alias === alias) {
        delete otherEntry.alias
        moved.push(`${alias}: ${other} -> ${ref}`)
      }
    }
  }
  return moved
}

/** agentRuntime.id on every Codex model used, unless the config already chose one for it. */
function applyRuntime(defaults: ConfigData, refs: string[], { modelProvider, id, force = false }: NonNullable<ConfigMergeInput['runtime']>): void {
  const models = defaults.models as ConfigData
  for (const ref of refs) {
    if (!ref.startsWith(`${modelProvider}/`)) continue
    const entry = models[ref] as ConfigData
    const current = isPlainObject(entry.agentRuntime) ? entry.agentRuntime : undefined
    if (!force && typeof current?.id === 'string' && current.id.trim()) continue
    entry.agentRuntime = { ...current, id }
  }
}

/**
 * OpenClaw 2026.9 keeps an allowlist in agents.defaults.modelPolicy.allow (its first CLI config
 * write seeds it from agents.defaults.models): a fallback missing from it is never tried. Where the
 * config has one, every model used is on it.
 */
function applyModelPolicy(defaults: ConfigData, refs: string[]): void {
  const policy = defaults.modelPolicy
  if (!isPlainObject(policy) || !Array.isArray(policy.allow)) return
  for (const ref of refs) if (!policy.allow.includes(ref)) policy.allow.push(ref)
}

function applyAuth(config: ConfigData, { profiles, provider, retiredProviders = [] }: ConfigMergeInput): string[] {
  const inStore = new Set(profiles.map((p) => p.profileId))
  const codex = profiles.filter((p) => p.provider === provider && p.type === 'oauth')
  const retired = retiredProviders
  const hadAuth = isPlainObject(config.auth)
  const auth = ensureObject(config, 'auth')
  const stale = new Set<string>()

  const configured = isPlainObject(auth.profiles) ? auth.profiles : {}
  const kept: ConfigData = {}
  for (const [id, entry] of Object.entries(configured)) {
    const p = isPlainObject(entry) ? entry : {}
    const isCodex = (p.provider === provider && p.mode === 'oauth') || retired.includes(String(p.provider))
    if (isCodex && !inStore.has(id)) stale.add(id)
    else kept[id] = entry
  }
  for (const p of codex) {
    const before = isPlainObject(kept[p.profileId]) ? kept[p.profileId] as ConfigData : {}
    kept[p.profileId] = { ...before, provider, mode: 'oauth', ...(p.email ? { email: p.email } : {}) }
  }
  setMap(auth, 'profiles', kept)

  const order: ConfigData = isPlainObject(auth.order) ? auth.order : {}
  for (const old of retired) {
    for (const id of asIds(order[old])) stale.add(id)
    delete order[old]
  }
  const existing = Array.isArray(order[provider]) ? asIds(order[provider]) : undefined
  // No order yet: start from all of the provider's stored profiles, as add-profile does, because
  // OpenClaw reads an explicit order as the whole list.
  const start = existing ?? profiles.filter((p) => p.provider === provider).map((p) => p.profileId)
  for (const id of start) if (!inStore.has(id)) stale.add(id)
  const next = start.filter((id) => inStore.has(id))
  for (const p of codex) if (!next.includes(p.profileId)) next.push(p.profileId)
  if (next.length) order[provider] = next
  else delete order[provider] // an empty explicit order would disable the provider
  setMap(auth, 'order', order)
  if (!hadAuth && Object.keys(auth).length === 0) delete config.auth
  return [...stale]
}

function asIds(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}

function ensureObject(parent: ConfigData, key: string): ConfigData {
  if (!isPlainObject(parent[key])) parent[key] = {}
  return parent[key] as ConfigData
}

/** Sets a map; an empty one is only written where the file already had that key. */
function setMap(parent: ConfigData, key: string, value: ConfigData): void {
  if (Object.keys(value).length || key in parent) parent[key] = value
}

function readPath(value: unknown, path: string[]): unknown {
  return path.reduce<unknown>((v, k) => (isPlainObject(v) ? v[k] : undefined), value)
}
