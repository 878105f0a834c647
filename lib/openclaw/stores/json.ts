// The store adapter for agents/<agent>/agent/auth-profiles.json, the store of OpenClaw releases up to
// 2026.6.4: {version:1, profiles, order?, lastGood?, usageStats?}. Every write goes through
// updateJsonStore, the file-update transaction with OpenClaw's own lock protocol.
import { join } from 'node:path'
import { z } from 'zod'
import { resolvePlanClaim } from '../../claims.ts'
import { BadFile } from '../../errors.ts'
import { loadFile, updateFile, type FileKind } from '../../file-update.ts'
import { describeJsonSyntaxError } from '../../json-syntax.ts'
import { registerSecret } from '../../secrets.ts'
import { appendToOrder, resolveProfileUsage, requireStoredProfile, resolveTokenDigest, assertUpsertAllowed } from '../store.ts'
import type { AuthStore, CodexAccounts, CodexCredential, ProfileSummary, RemoveResult, StoreAdapter, StoredAccount, UpsertRequest, UpsertResult } from '../store.ts'

export const JSON_STORE_NAME = 'auth-profiles.json'
const KNOWN_TYPES = ['oauth', 'api_key', 'token'] as const
/**
 * A store holds a few KB per profile; one this big was filled by something else, and every write
 * would copy it whole under the lock the gateway waits on, plus into each of ten backups.
 */
export const MAX_STORE_BYTES = 16 * 1024 * 1024

const credential = z.object({
  type: z.string(),
  provider: z.string(),
  email: z.string().optional(),
  accountId: z.string().optional(),
  expires: z.number().optional(),
  access: z.string().optional(),
  refresh: z.string().optional(),
}).loose()

const storeSchema = z.object({
  version: z.number().optional(),
  profiles: z.record(z.string(), credential),
  order: z.record(z.string(), z.array(z.string())).optional(),
  lastGood: z.record(z.string(), z.string()).optional(),
  usageStats: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
}).loose()

export type JsonStoreData = z.infer<typeof storeSchema>

export function resolveJsonStorePath(agentDir: string): string {
  return join(agentDir, JSON_STORE_NAME)
}

/** auth-profiles.json as lib/file-update.ts reads and writes it: JSON, two spaces, 0600, at most 16 MB. */
export const JSON_STORE: FileKind<JsonStoreData> = {
  label: 'auth store',
  parse: parseJsonStore,
  empty: () => ({ version: 1, profiles: {} }),
  format: (store) => `${JSON.stringify(store, null, 2)}\n`,
  maxBytes: MAX_STORE_BYTES,
}

/** Reads the store; a missing file is an empty store, anything unreadable is a one-line BadFile. */
export async function loadJsonStore(path: string): Promise<JsonStoreData> {
  return (await loadFile(path, JSON_STORE)).data
}

export function parseJsonStore(text: string, path: string): JsonStoreData {
  if (text.trim() === '') throw new BadFile(path, 'is empty; expected an OpenClaw auth store ({"version":1,"profiles":{}}); restore it from a backup')
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (cause) {
    throw new BadFile(path, `is not valid JSON (${describeJsonSyntaxError(cause, text)}); restore it from a backup`, { cause })
  }
  const r = storeSchema.safeParse(raw)
  if (!r.success) {
    const issue = r.error.issues[0]!
    const at = issue.path.length ? ` at ${issue.path.join('.')}` : ''
    throw new BadFile(path, `is not an OpenClaw auth store: ${issue.message.replace(/^Invalid input: /, '')}${at}`)
  }
  for (const [id, p] of Object.entries(r.data.profiles)) {
    if (!(KNOWN_TYPES as readonly string[]).includes(p.type)) {
      throw new BadFile(path, `profile ${id} has unknown type ${JSON.stringify(p.type)} (expected ${KNOWN_TYPES.join(', ')})`)
    }
  }
  // The raw object, not zod's copy: zod moves unknown keys last, and we keep the file as found.
  return raw as JsonStoreData
}

export function summarizeJsonStore(store: JsonStoreData): ProfileSummary[] {
  return Object.entries(store.profiles).map(([profileId, p]) => ({
    profileId,
    provider: p.provider,
    type: p.type,
    email: p.email,
    accountId: p.accountId,
    plan: resolvePlanClaim(p.access),
    expires: p.expires,
    hasRefresh: Boolean(p.refresh),
    ...(p.refresh ? { refreshDigest: resolveTokenDigest(p.refresh) } : {}),
    usage: resolveProfileUsage(store.usageStats?.[profileId]),
  }))
}

/**
 * The store with the Codex profile set and its id in order[provider]. When the provider has no
 * order yet, the new list starts with the provider's existing profiles: OpenClaw treats an
 * explicit order as the whole list, so creating one with only the new id would drop the others.
 */
export function applyCodexProfile(store: JsonStoreData, { profileId, provider, credential: c }: { profileId: string; provider: string; credential: CodexCredential }): JsonStoreData {
  const profiles = {
    ...store.profiles,
    [profileId]: {
      ...store.profiles[profileId],
      type: 'oauth',
      provider,
      access: c.access,
      refresh: c.refresh,
      expires: c.expires,
      accountId: c.accountId,
      ...(c.email ? { email: c.email } : {}),
    },
  }
  const current = store.order?.[provider]
    ?? Object.entries(store.profiles).filter(([, p]) => p.provider === provider).map(([id]) => id)
  return { ...store, profiles, order: { ...store.order, [provider]: appendToOrder(current, profileId) } }
}

/**
 * The store without profileId: its credential, its entries in every order list, lastGood pointers
 * at it and its usageStats. A list or map left empty is dropped, as OpenClaw's own removal does:
 * an empty explicit order would disable its provider.
 */
export function applyProfileRemoval(store: JsonStoreData, profileId: string): JsonStoreData {
  const { [profileId]: _removed, ...profiles } = store.profiles
  const next: JsonStoreData = { ...store, profiles }
  if (store.order) {
    const order = Object.fromEntries(Object.entries(store.order).map(([p, ids]) => [p, ids.filter((id) => id !== profileId)]).filter(([, ids]) => ids.length > 0))
    setOrDrop(next, 'order', order)
  }
  if (store.lastGood) setOrDrop(next, 'lastGood', Object.fromEntries(Object.entries(store.lastGood).filter(([, id]) => id !== profileId)))
  if (store.usageStats) {
    const { [profileId]: _stats, ...usageStats } = store.usageStats
    setOrDrop(next, 'usageStats', usageStats)
  }
  return next
}

function setOrDrop(store: JsonStoreData, key: 'order' | 'lastGood' | 'usageStats', value: Record<string, unknown>): void {
  if (Object.keys(value).length) (store as Record<string, unknown>)[key] = value
  else delete store[key]
}

export async function updateJsonStore<T>(
  path: string,
  update: (store: JsonStoreData) => { store: JsonStoreData; result: T },
  { signal }: { signal?: AbortSignal } = {},
): Promise<T & { backupPath?: string }> {
  const { result, backupPath } = await updateFile(path, JSON_STORE, ({ data }) => {
    const { store, result } = update(data)
    return { data: store, result }
  }, { signal })
  return { ...result, backupPath }
}

export const adapter: StoreAdapter = {
  resolveStorePath: ({ agentDir }) => resolveJsonStorePath(agentDir),
  openStore: async ({ agentDir, release, signal }) => openJsonStore({ agentDir, provider: release.provider, signal }),
}

export function openJsonStore({ agentDir, provider, signal }: { agentDir: string; provider: string; signal?: AbortSignal }): AuthStore {
  const path = resolveJsonStorePath(agentDir)
  return {
    kind: 'json',
    path,
    provider,
    async listProfiles() {
      return summarizeJsonStore(await loadJsonStore(path))
    },
    async loadOrder() {
      return (await loadJsonStore(path)).order ?? {}
    },
    async upsertCodexProfile({ profileId, credential, replace }: UpsertRequest): Promise<UpsertResult> {
      return updateJsonStore(path, (before) => {
        const { replaced } = assertUpsertAllowed(summarizeJsonStore(before), { profileId, accountId: credential.accountId, replace })
        const store = applyCodexProfile(before, { profileId, provider, credential })
        return { store, result: { profileId, replaced, order: store.order?.[provider] ?? [] } }
      }, { signal })
    },
    async loadCodexAccounts(): Promise<CodexAccounts> {
      const store = await loadJsonStore(path)
      const accounts = Object.entries(store.profiles)
        .flatMap(([profileId, p]): StoredAccount[] => {
          if (p.provider !== provider || p.type !== 'oauth' || !p.access) return []
          registerSecret(p.access)
          return [{ profileId, access: p.access, accountId: p.accountId, email: p.email, plan: resolvePlanClaim(p.access), expires: p.expires }]
        })
      return { accounts, ...(store.order?.[provider] ? { order: store.order[provider] } : {}) }
    },
    async saveCodexOrder(order) {
      const { backupPath } = await updateJsonStore(path, (store) => ({ store: { ...store, order: { ...store.order, [provider]: [...order] } }, result: {} }), { signal })
      return { backupPath }
    },
    async removeProfile(profileId: string): Promise<RemoveResult> {
      return updateJsonStore(path, (before) => {
        requireStoredProfile(summarizeJsonStore(before), { profileId, path })
        return { store: applyProfileRemoval(before, profileId), result: {} }
      }, { signal })
    },
  }
}
