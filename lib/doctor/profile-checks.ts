// Checks of the stored Codex profiles themselves: readable, named for this release, one account
// each, each able to refresh, none sharing a refresh token with the user's own codex login, and
// enough of them to fail over.
import { resolveEffectiveOrder, type EffectiveOrder } from '../profile-order.ts'
import type { ProfileSummary } from '../openclaw/store.ts'
import type { Check, DoctorSnapshot } from './snapshot.ts'

export const checkStoreReadable: Check = (s) => {
  if (!s.profiles.ok) return { id: 'store', level: 'fail', message: s.profiles.error }
  const codex = resolveCodexProfiles(s)
  return { id: 'store', level: 'ok', message: `${s.storePath}: ${s.profiles.value.length} profile(s), ${codex.length} of them Codex (${s.detection.provider})` }
}

export const checkLeftoverStore: Check = ({ detection }) => {
  if (!detection.leftoverJson) return { id: 'leftover-store', level: 'ok', message: 'no auth-profiles.json left over beside the state database' }
  const blocks = detection.version !== undefined && detection.leftoverJsonBlocks
  return {
    id: 'leftover-store',
    level: blocks ? 'fail' : 'warn',
    message: `${detection.leftoverJson} is left over from an older OpenClaw${blocks ? `; OpenClaw ${detection.version} will not use its credential store until it is migrated` : ''}`,
    fix: 'openclaw doctor --fix',
  }
}

export const checkStoreProvider: Check = (s) => {
  if (!s.profiles.ok) return undefined
  const retired = s.detection.retiredProviders
  const stale = s.profiles.value.filter((p) => retired.includes(p.provider))
  if (stale.length === 0) return { id: 'store-provider', level: 'ok', message: `every Codex profile uses provider ${s.detection.provider}` }
  return {
    id: 'store-provider',
    level: 'fail',
    message: `${stale.map(describeProfile).join(', ')} use provider ${stale[0]!.provider}, which this OpenClaw (${s.detection.provider} generation) no longer reads as Codex: its requests find no usable profile ("all profiles in cooldown")`,
    fix: 'openclaw doctor --fix',
  }
}

export const checkDuplicateAccounts: Check = (s) => {
  if (!s.profiles.ok) return undefined
  const byAccount = new Map<string, ProfileSummary[]>()
  for (const p of s.profiles.value.filter((p) => p.type === 'oauth' && p.accountId)) {
    byAccount.set(p.accountId!, [...(byAccount.get(p.accountId!) ?? []), p])
  }
  const twins = [...byAccount.values()].filter((group) => group.length > 1)
  if (twins.length === 0) return { id: 'duplicate-account', level: 'ok', message: 'every Codex profile is a different account' }
  const sharesToken = twins.some((group) => new Set(group.map((p) => p.refreshDigest ?? p.profileId)).size < group.length)
  const extra = twins.flatMap((group) => group.slice(1))
  return {
    id: 'duplicate-account',
    level: sharesToken ? 'fail' : 'warn',
    message: twins.map((group) => `${group.map((p) => p.profileId).join(' and ')} are one account (${group[0]!.email ?? group[0]!.accountId})`).join('; ') +
      (sharesToken ? ', holding the same refresh token: both break at the next refresh' : ': they cool down together, so they give no failover'),
    fix: extra.map((p) => `npm run remove-profile -- ${resolveProfileName(p.profileId)}`).join(' && '),
  }
}

export const checkLoginNeeded: Check = (s) => {
  if (!s.profiles.ok) return undefined
  const broken = resolveCodexProfiles(s).map((p) => ({ p, why: resolveLoginProblem(p, s.now) })).filter((x) => x.why)
  if (broken.length === 0) return { id: 'login', level: 'ok', message: 'every Codex profile can refresh its access token' }
  return {
    id: 'login',
    level: 'fail',
    message: `a new login is needed: ${broken.map(({ p, why }) => `${describeProfile(p)} ${why}`).join('; ')}`,
    fix: broken.map(({ p }) => `npm run add-profile -- ${resolveProfileName(p.profileId)} --replace`).join(' && '),
  }
}

export const checkCodexCliLogin: Check = (s) => {
  if (!s.profiles.ok) return undefined
  const login = s.codexLogin
  if (!login?.refreshDigest) return { id: 'codex-cli-login', level: 'ok', message: login ? `${login.path} holds no ChatGPT sign-in to collide with` : 'no codex CLI login of your own to collide with' }
  const sharing = s.profiles.value.filter((p) => p.refreshDigest === login.refreshDigest)
  if (sharing.length === 0) return { id: 'codex-cli-login', level: 'ok', message: `your codex login (${login.path}) shares no refresh token with a stored profile` }
  return {
    id: 'codex-cli-login',
    level: 'fail',
    message: `your codex login (${login.path}) holds the same refresh token as ${sharing.map(describeProfile).join(', ')}: refresh tokens are single-use, so whichever refreshes second is logged out`,
    fix: sharing.map((p) => `npm run add-profile -- ${resolveProfileName(p.profileId)} --replace`).join(' && '),
  }
}

export const checkFailover: Check = (s) => {
  if (!s.profiles.ok) return undefined
  const tried = resolveTriedOrder(s)?.ids
  const usable = resolveCodexProfiles(s).filter((p) => isUsable(p, s.now) && (!tried || tried.includes(p.profileId)))
  const fix = 'npm run add-profile -- NAME'
  if (usable.length === 0) return { id: 'failover', level: 'fail', message: `no usable Codex profile (${s.detection.provider}:*) in ${s.storePath}`, fix }
  if (usable.length === 1) return { id: 'failover', level: 'warn', message: `only one usable Codex profile, ${describeProfile(usable[0]!)}: no other account to fail over to`, fix }
  return { id: 'failover', level: 'ok', message: `${usable.length} usable Codex profiles to fail over between` }
}

export const PROFILE_CHECKS: Check[] = [checkStoreReadable, checkLeftoverStore, checkStoreProvider, checkDuplicateAccounts, checkLoginNeeded, checkCodexCliLogin, checkFailover]

/** The order OpenClaw tries the Codex profiles in (store, else config, else default), when it can be known. */
export function resolveTriedOrder(s: DoctorSnapshot): EffectiveOrder | undefined {
  if (!s.profiles.ok || !s.config.ok || !s.storeOrder) return undefined
  return resolveEffectiveOrder({ provider: s.detection.provider, profiles: s.profiles.value, storeOrder: s.storeOrder, config: s.config.value.data, unusableUntil: {}, now: s.now })
}

export function resolveCodexProfiles(s: DoctorSnapshot): ProfileSummary[] {
  return s.profiles.ok ? s.profiles.value.filter((p) => p.provider === s.detection.provider && p.type === 'oauth') : []
}

/** Why OpenClaw cannot get this profile a working access token, or undefined when it can. */
export function resolveLoginProblem(p: ProfileSummary, now: number): string | undefined {
  if (p.refreshFailed) return 'has a failed refresh recorded by OpenClaw'
  if (!p.hasRefresh && p.expires !== undefined && p.expires <= now) return `has no refresh token and its access token expired ${new Date(p.expires).toISOString()}`
  return undefined
}

/** Usable now or after a cooldown: a login that works and is not disabled (billing, auth). */
export function isUsable(p: ProfileSummary, now: number): boolean {
  return !resolveLoginProblem(p, now) && !((p.usage?.disabledUntil ?? 0) > now)
}

export function describeProfile(p: ProfileSummary): string {
  return p.email ? `${p.profileId} (${p.email})` : p.profileId
}

/** The NAME add-profile and remove-profile take: the id after its provider. */
export function resolveProfileName(profileId: string): string {
  return profileId.slice(profileId.indexOf(':') + 1)
}
