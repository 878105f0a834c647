// The OpenClaw release timeline: what changes at which release, in one table (bisected over the
// npm tarballs, ../shared/notes/openclaw-facts.md, and checked against the pinned releases in CI).
// Every version threshold in this tool reads from here; a new storage generation is a new row
// naming its store, plus its adapter in lib/openclaw/stores/<store>.ts.
import { UsageError } from '../errors.ts'

/** Where credentials live; names the adapter file lib/openclaw/stores/<store>.ts. */
export type StoreKind = 'json' | 'sqlite'

export interface Release {
  store: StoreKind
  /** Provider id of Codex (ChatGPT sign-in) profiles: `openai-codex:<name>` or `openai:<name>`. */
  provider: 'openai-codex' | 'openai'
  /** Provider part of model refs: `openai-codex/gpt-5.3-codex` or `openai/gpt-5.5`. */
  modelProvider: 'openai-codex' | 'openai'
  /** Codex profile providers this release no longer reads as Codex (a leftover one makes every profile look cooled). */
  retiredProviders: readonly string[]
  /**
   * Codex models run through an agent runtime chosen per model (`agents.defaults.models[ref].agentRuntime.id`).
   * Left unset, OpenClaw picks its `codex` runtime, a plugin it installs from the network on demand
   * (offline: minutes of retries at every start, then the turn fails closed); `openclaw` is the
   * built-in one, which uses our auth profiles and their order.
   */
  agentRuntime: boolean
  /** `openclaw config validate --json`; before it, a config is judged by loading it. */
  configValidate: boolean
  /** What a cron job runs: an isolated agent turn, or a command (`--command-argv`, `--declaration-key`). */
  cronPayload: 'agentTurn' | 'command'
  /** Where cron jobs live without a gateway: cron/jobs.json we may edit, or a database only the gateway writes. */
  cronStore: 'jobs-json' | 'database'
  /** A leftover auth-profiles.json beside the database makes OpenClaw refuse its store until migrated. */
  leftoverJsonBlocks: boolean
  /** The gateway RPC `models.authRefresh`, which tells a running gateway its auth changed. */
  authRefreshRpc: boolean
  /** `auth.cooldowns` in openclaw.json: valid, retired but not known to be rejected, or rejected by validation. */
  authCooldowns: 'valid' | 'retired' | 'rejected'
}

/** [first release, what changes there]; later rows override earlier ones. */
export const TIMELINE: ReadonlyArray<readonly [string, Partial<Release>]> = [
  ['1970.1.1', {
    store: 'json', provider: 'openai-codex', modelProvider: 'openai-codex', retiredProviders: [], agentRuntime: false,
    configValidate: false, cronPayload: 'agentTurn', cronStore: 'jobs-json', leftoverJsonBlocks: false, authRefreshRpc: false,
    authCooldowns: 'valid',
  }],
  // 2026.2.22 is the last release seen to accept auth.cooldowns; 2026.9.6 the first seen to reject it.
  ['2026.2.23', { authCooldowns: 'retired' }],
  ['2026.5.12', { modelProvider: 'openai' }],
  ['2026.6.1', { provider: 'openai', retiredProviders: ['openai-codex'], configValidate: true, cronStore: 'database' }],
  ['2026.6.5', { store: 'sqlite', agentRuntime: true, cronPayload: 'command' }],
  ['2026.8.1', { leftoverJsonBlocks: true }],
  ['2026.9.5', { authRefreshRpc: true }],
  ['2026.9.6', { authCooldowns: 'rejected' }],
]

export type Version = [number, number, number]

/** Reads "2026.9.6", "OpenClaw 2026.9.6 (abc1234)", "2026.5.30-beta.1" and the like. */
export function parseVersion(text: string): Version | undefined {
  const m = /(\d{4})\.(\d{1,2})\.(\d{1,2})/.exec(text)
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined
}

export function compareVersions(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2]
}

/** What a release does; an unreadable version is a usage error naming the flag. */
export function parseRelease(version: string): Release {
  const v = parseVersion(version)
  if (!v) throw new UsageError(`cannot read an OpenClaw version from ${JSON.stringify(version)}; expected YYYY.M.D, e.g. --openclaw-version 2026.9.6`)
  let release = {} as Release
  for (const [since, change] of TIMELINE) {
    if (compareVersions(v, parseVersion(since)!) >= 0) release = { ...release, ...change }
  }
  return release
}

/** The first release at which a field took its value, for messages ("from 2026.8.1 ..."). */
export function resolveSince<K extends keyof Release>(field: K, value: Release[K]): string | undefined {
  return TIMELINE.find(([, change]) => field in change && change[field] === value)?.[0]
}
