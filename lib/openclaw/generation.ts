// Which OpenClaw storage generation a release uses, bisected over the npm tarballs
// (../shared/notes/openclaw-facts.md) and checked against the pinned releases in CI.
import { UsageError } from '../errors.ts'

export type StoreKind = 'json' | 'sqlite'

export interface Generation {
  /** Where credentials live. */
  store: StoreKind
  /** Provider id of Codex (ChatGPT sign-in) profiles: `openai-codex:<name>` or `openai:<name>`. */
  provider: 'openai-codex' | 'openai'
  /** Provider part of model refs: `openai-codex/gpt-5.3-codex` or `openai/gpt-5.5`. */
  modelProvider: 'openai-codex' | 'openai'
  /**
   * Codex models run through an agent runtime chosen per model (`agents.defaults.models[ref].agentRuntime.id`).
   * Left unset, OpenClaw picks its `codex` runtime, a plugin it installs from the network on demand
   * (offline: minutes of retries at every start, then the turn fails closed); `openclaw` is the
   * built-in one, which uses our auth profiles and their order.
   */
  agentRuntime: boolean
}

/** [first release, what changed]; later rows override earlier ones. */
const TIMELINE: Array<[string, Partial<Generation>]> = [
  ['1970.1.1', { store: 'json', provider: 'openai-codex', modelProvider: 'openai-codex', agentRuntime: false }],
  ['2026.5.12', { modelProvider: 'openai' }],
  ['2026.6.1', { provider: 'openai' }],
  ['2026.6.5', { store: 'sqlite', agentRuntime: true }],
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

export function isAtLeast(version: string, min: string): boolean {
  const v = parseVersion(version)
  return v !== undefined && compareVersions(v, parseVersion(min)!) >= 0
}

export function resolveGeneration(version: string): Generation {
  const v = parseVersion(version)
  if (!v) throw new UsageError(`cannot read an OpenClaw version from ${JSON.stringify(version)}; expected YYYY.M.D, e.g. --openclaw-version 2026.9.6`)
  let gen = {} as Generation
  for (const [since, change] of TIMELINE) {
    if (compareVersions(v, parseVersion(since)!) >= 0) gen = { ...gen, ...change }
  }
  return gen
}
