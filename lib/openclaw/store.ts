// The one interface every OpenClaw storage generation is written through. An adapter per
// generation (stores/json.ts, stores/sqlite.ts) implements it; open-store.ts picks it by the
// release's store kind, so adding a generation adds one adapter file and one timeline row.
import { createHash } from 'node:crypto'
import { CafError } from '../errors.ts'
import type { Release } from './releases.ts'
import type { Env } from './state-dir.ts'

/** What an adapter is opened with: whose store, and what the installed release does. */
export interface StoreContext {
  stateDir: string
  agentDir: string
  agentId: string
  env: Env
  /** Aborted on Ctrl-C/SIGTERM: the adapter's OpenClaw calls stop. */
  signal?: AbortSignal
  release: Release & { version?: string }
}

/** What lib/openclaw/stores/<store>.ts exports as `adapter`. */
export interface StoreAdapter {
  /** Where the credentials live (shown, checked by doctor), without opening anything. */
  resolveStorePath(ctx: StoreContext): string
  openStore(ctx: StoreContext): Promise<AuthStore>
}

/** What we store for a Codex account: tokens plus the claims OpenClaw's own login records. */
export interface CodexCredential {
  access: string
  refresh: string
  /** ms since the epoch */
  expires: number
  accountId: string
  email?: string
  plan?: string
  idToken?: string
}

/** A stored profile as we show it: never a token, only whether one is there. */
export interface ProfileSummary {
  profileId: string
  provider: string
  type: string
  email?: string
  accountId?: string
  plan?: string
  expires?: number
  hasRefresh: boolean
  /** sha256 of the refresh token, to spot two holders of one token without handling the token. */
  refreshDigest?: string
  /** OpenClaw replaced the tokens with a failed-refresh marker (2026.9): a new login is needed. */
  refreshFailed?: boolean
  /** OpenClaw's usageStats for the profile, as stored. */
  usage?: ProfileUsage
}

export interface ProfileUsage {
  lastUsed?: number
  errorCount?: number
  cooldownUntil?: number
  cooldownReason?: string
  disabledUntil?: number
  disabledReason?: string
  blockedUntil?: number
  blockedReason?: string
  blockedModel?: string
}

const USAGE_KEYS = ['lastUsed', 'errorCount', 'cooldownUntil', 'cooldownReason', 'disabledUntil', 'disabledReason', 'blockedUntil', 'blockedReason', 'blockedModel'] as const

/** The fields of an OpenClaw usageStats entry we report, with their types checked. */
export function resolveProfileUsage(raw: unknown): ProfileUsage | undefined {
  if (!raw || typeof raw !== 'object') return undefined
  const out: Record<string, unknown> = {}
  for (const key of USAGE_KEYS) {
    const v = (raw as Record<string, unknown>)[key]
    if (typeof v === 'number' || typeof v === 'string') out[key] = v
  }
  return Object.keys(out).length ? (out as ProfileUsage) : undefined
}

export interface UpsertRequest {
  profileId: string
  credential: CodexCredential
  replace: boolean
}

export interface UpsertResult {
  profileId: string
  replaced: boolean
  order: string[]
  backupPath?: string
  /** Things the user should know that did not stop the write (no gateway to notify, say). */
  warnings?: string[]
}

export interface AuthStore {
  readonly kind: Release['store']
  /** The file the credentials live in (shown to the user, put in --json output). */
  readonly path: string
  /** The provider id Codex profiles carry in this generation: openai-codex or openai. */
  readonly provider: string
  listProfiles(): Promise<ProfileSummary[]>
  /** The store's own order lists by provider; OpenClaw prefers them to the config's auth.order. */
  loadOrder(): Promise<Record<string, string[]>>
  /** Conflict rules of assertUpsertAllowed hold, checked again under the store's lock. */
  upsertCodexProfile(request: UpsertRequest): Promise<UpsertResult>
  /**
   * Where a write costs start-up (OpenClaw's SDK on 2026.6.5+): begins it before the login, so the
   * request sent after the login only has the write left to wait for. Cancel it when no login comes.
   */
  beginUpsert?(): PendingUpsert
  /**
   * Removes the credential with its order entries, lastGood pointers and usage stats. An id the
   * store does not hold is refused (requireStoredProfile) and nothing is written.
   */
  removeProfile(profileId: string): Promise<RemoveResult>
  /**
   * The Codex accounts with their access tokens (registered with secrets.ts before they are
   * returned; used only to ask the usage endpoint) and the order OpenClaw reads for this agent.
   */
  loadCodexAccounts(): Promise<CodexAccounts>
  /** Sets the order OpenClaw reads for this agent's Codex profiles (the store's; 2026.6.5+: the agent's own). */
  saveCodexOrder(order: readonly string[]): Promise<{ backupPath?: string; warnings?: string[] }>
}

export interface PendingUpsert {
  upsert(request: UpsertRequest): Promise<UpsertResult>
  /** No request will come (the login failed or was interrupted): nothing is written. */
  cancel(): void
}

export interface StoredAccount {
  profileId: string
  accountId?: string
  email?: string
  plan?: string
  access: string
  /** Access-token expiry, ms since the epoch. */
  expires?: number
}

export interface CodexAccounts {
  accounts: StoredAccount[]
  /** The explicit order OpenClaw uses for the Codex provider, when there is one. */
  order?: string[]
}

export interface RemoveResult {
  backupPath?: string
  warnings?: string[]
}

/** The stored profile to remove, or the one-line refusal naming what the store does hold. */
export function requireStoredProfile(profiles: ProfileSummary[], { profileId, path }: { profileId: string; path: string }): ProfileSummary {
  const found = profiles.find((p) => p.profileId === profileId)
  if (found) return found
  const held = profiles.map((p) => p.profileId).join(', ') || 'no profiles'
  throw new CafError(`no profile ${profileId} in ${path} (it holds ${held}); nothing was changed`)
}

/**
 * The same account twice gives no failover, and a name is only overwritten on --replace.
 * Throws the one-line refusal, or returns whether this is a replacement.
 */
export function assertUpsertAllowed(
  profiles: ProfileSummary[],
  { profileId, accountId, replace }: { profileId: string; accountId?: string; replace: boolean },
): { replaced: boolean } {
  const existing = profiles.find((p) => p.profileId === profileId)
  if (existing && !replace) {
    throw new CafError(`profile ${profileId} already exists (${existing.email ?? existing.accountId ?? 'no email'}); pass --replace to log in again`)
  }
  if (accountId) {
    const twin = profiles.find((p) => p.profileId !== profileId && p.accountId === accountId)
    if (twin) {
      throw new CafError(`this account (${twin.email ?? accountId}) is already stored as ${twin.profileId}; a second copy gives no failover (use --replace with that name to refresh it)`)
    }
  }
  return { replaced: Boolean(existing) }
}

/** Appends id to an order list if absent; the user's order is kept as it is. */
export function appendToOrder(order: readonly string[], id: string): string[] {
  return order.includes(id) ? [...order] : [...order, id]
}

/** sha256 hex of a token: comparable across stores and files, and no piece of the token itself. */
export function resolveTokenDigest(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}
