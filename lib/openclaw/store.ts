// The one interface every OpenClaw storage generation is written through. An adapter per
// generation (json-store.ts, sqlite-store.ts) implements it; adding a generation adds one file.
import { CafError } from '../errors.ts'

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
  expires?: number
  hasRefresh: boolean
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
  readonly kind: 'json' | 'sqlite'
  /** The file the credentials live in (shown to the user, put in --json output). */
  readonly path: string
  /** The provider id Codex profiles carry in this generation: openai-codex or openai. */
  readonly provider: string
  listProfiles(): Promise<ProfileSummary[]>
  /** Conflict rules of resolveUpsertConflict hold, checked again under the store's lock. */
  upsertCodexProfile(request: UpsertRequest): Promise<UpsertResult>
}

/**
 * The same account twice gives no failover, and a name is only overwritten on --replace.
 * Throws the one-line refusal, or returns whether this is a replacement.
 */
export function resolveUpsertConflict(
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
