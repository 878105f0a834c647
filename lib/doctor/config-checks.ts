// Checks of openclaw.json against the store and the installed release: readable, no retired
// provider ids or keys, auth.order in step with the store, and a Codex model that can answer.
import { resolveAvailability, resolveProvider } from '../model-choice.ts'
import { isPlainObject, type ConfigData } from '../openclaw/config.ts'
import { resolveSince } from '../openclaw/releases.ts'
import { resolveCodexProfiles, resolveTriedOrder } from './profile-checks.ts'
import type { Check } from './snapshot.ts'

const RENDER = 'npm run render-config -- --write'
/** auth.cooldowns: accepted by 2026.2.22, rejected by `config validate` of 2026.9.6 (both run); between, unknown. */

export const checkConfigReadable: Check = ({ config }) => {
  if (!config.ok) return { id: 'config', level: 'fail', message: config.error }
  const { path, exists } = config.value
  return { id: 'config', level: 'ok', message: exists ? `${path} reads as JSON5` : `${path} does not exist yet (OpenClaw runs on its defaults)` }
}

export const checkConfigProvider: Check = ({ config, detection }) => {
  if (!config.ok) return undefined
  const retired = detection.retiredProviders
  const { profiles, order } = resolveAuth(config.value.data)
  const found = [
    ...Object.entries(profiles).filter(([id, e]) => retired.includes(resolveIdProvider(id)) || retired.includes(String(isPlainObject(e) ? e.provider : ''))).map(([id]) => `auth.profiles["${id}"]`),
    ...Object.keys(order).filter((p) => retired.includes(p)).map((p) => `auth.order["${p}"]`),
    ...resolveModelRefs(config.value.data).filter((ref) => detection.modelProvider === 'openai' && resolveProvider(ref) === 'openai-codex'),
  ]
  if (found.length === 0) return { id: 'config-provider', level: 'ok', message: `the config names Codex as ${detection.provider} (profiles) and ${detection.modelProvider} (models), as this release does` }
  return {
    id: 'config-provider',
    level: 'fail',
    message: `${config.value.path} still uses the retired openai-codex naming: ${found.join(', ')}; this release has no such provider, so those entries match nothing`,
    fix: RENDER,
  }
}

export const checkConfigOrder: Check = (s) => {
  if (!s.config.ok || !s.profiles.ok) return undefined
  const provider = s.detection.provider
  const { profiles, order } = resolveAuth(s.config.value.data)
  const listed = Array.isArray(order[provider]) ? (order[provider] as unknown[]).filter((id): id is string => typeof id === 'string') : undefined
  const inStore = new Set(s.profiles.value.map((p) => p.profileId))
  const missing = resolveCodexProfiles(s).map((p) => p.profileId).filter((id) => !listed?.includes(id))
  const configured = [...Object.keys(profiles).filter((id) => resolveIdProvider(id) === provider), ...(listed ?? [])]
  const stale = [...new Set(configured)].filter((id) => !inStore.has(id))
  const problems = [
    ...(missing.length ? [`in the store but not in auth.order.${provider}: ${missing.join(', ')}`] : []),
    ...(stale.length ? [`in the config but not in the store: ${stale.join(', ')}`] : []),
  ]
  if (problems.length === 0) return { id: 'config-order', level: 'ok', message: `auth.order.${provider} lists every stored Codex profile and nothing else` }
  return { id: 'config-order', level: 'warn', message: `${s.config.value.path} is out of step with the store: ${problems.join('; ')}`, fix: RENDER }
}

/** OpenClaw takes the store's order over the config's: a stored profile missing from the one it uses is never tried. */
export const checkTriedOrder: Check = (s) => {
  const order = resolveTriedOrder(s)
  if (!order) return undefined
  const provider = s.detection.provider
  const left = resolveCodexProfiles(s).map((p) => p.profileId).filter((id) => !order.ids.includes(id))
  if (left.length === 0) return { id: 'tried-order', level: 'ok', message: `OpenClaw tries ${order.ids.join(', ') || 'no Codex profile'} (${ORDER_SOURCE[order.source]})` }
  const why = {
    store: `the store's own order for ${provider} (which OpenClaw prefers to the config's) leaves it out`,
    config: `auth.order.${provider} in the config leaves it out`,
    default: "the config's auth.profiles do not name it, or name it as another kind of credential",
    openclaw: 'OpenClaw leaves it out',
  }[order.source]
  return {
    id: 'tried-order',
    level: 'warn',
    message: `OpenClaw never tries ${left.join(', ')}: ${why}`,
    fix: order.source === 'store' ? `openclaw models auth order set --provider ${provider} ${[...order.ids, ...left].join(' ')}` : RENDER,
  }
}

const ORDER_SOURCE = { store: "the store's order", config: "the config's auth.order", default: 'every stored profile', openclaw: "OpenClaw's order" } as const

export const checkRetiredCooldowns: Check = ({ config, detection }) => {
  if (!config.ok) return undefined
  const auth = config.value.data.auth
  if (!isPlainObject(auth) || !('cooldowns' in auth)) return { id: 'auth-cooldowns', level: 'ok', message: 'no auth.cooldowns key' }
  if (!detection.version || detection.authCooldowns === 'valid') {
    return { id: 'auth-cooldowns', level: 'ok', message: `auth.cooldowns is set (a valid key for OpenClaw ${detection.version ?? 'of this generation'}; later releases retire it)` }
  }
  const rejected = detection.authCooldowns === 'rejected'
  return {
    id: 'auth-cooldowns',
    level: rejected ? 'fail' : 'warn',
    message: rejected
      ? `auth.cooldowns is a retired key: OpenClaw ${detection.version} rejects a config that has it`
      : `auth.cooldowns is retired by OpenClaw ${resolveSince('authCooldowns', 'rejected')}, and ${detection.version} may already ignore or reject it`,
    fix: 'openclaw doctor --fix',
  }
}

export const checkCodexAvailable: Check = ({ modelsStatus, detection, now }) => {
  if (!modelsStatus) return undefined
  if (!modelsStatus.ok) {
    return {
      id: 'codex-available',
      level: 'warn',
      message: `openclaw models status failed: ${modelsStatus.error}`,
      ...(/MIGRATION_REQUIRED/i.test(modelsStatus.error) ? { fix: 'openclaw doctor --fix' } : {}),
    }
  }
  const status = modelsStatus.value
  const refs = [status.defaultModel, ...status.fallbacks].filter((r): r is string => Boolean(r) && resolveProvider(r!) === detection.modelProvider)
  if (refs.length === 0) {
    return { id: 'codex-available', level: 'warn', message: `no ${detection.modelProvider}/* model among the primary and fallbacks: OpenClaw never fails over to Codex`, fix: RENDER }
  }
  const a = resolveAvailability(status, refs[0]!, now)
  if (a.available) return { id: 'codex-available', level: 'ok', message: `${a.model} can answer now` }
  const until = a.freesAt ? ` until ${new Date(a.freesAt).toISOString()}` : ''
  return { id: 'codex-available', level: 'warn', message: `${a.model} cannot answer now: ${a.why}${until}`, fix: 'npm run check-and-switch' }
}

export const CONFIG_CHECKS: Check[] = [checkConfigReadable, checkConfigProvider, checkConfigOrder, checkTriedOrder, checkRetiredCooldowns, checkCodexAvailable]

function resolveAuth(config: ConfigData): { profiles: ConfigData; order: ConfigData } {
  const auth = isPlainObject(config.auth) ? config.auth : {}
  return { profiles: isPlainObject(auth.profiles) ? auth.profiles : {}, order: isPlainObject(auth.order) ? auth.order : {} }
}

function resolveIdProvider(profileId: string): string {
  return profileId.slice(0, Math.max(0, profileId.indexOf(':')))
}

/** agents.defaults.model as a string or {primary, fallbacks}. */
function resolveModelRefs(config: ConfigData): string[] {
  const agents = isPlainObject(config.agents) ? config.agents : {}
  const model = isPlainObject(agents.defaults) ? agents.defaults.model : undefined
  if (typeof model === 'string') return [model]
  if (!isPlainObject(model)) return []
  return [model.primary, ...(Array.isArray(model.fallbacks) ? model.fallbacks : [])].filter((r): r is string => typeof r === 'string')
}
