// remove-profile: one Codex profile out of the credential store and out of openclaw.json's
// auth.profiles / auth.order, each through its own locked, backed-up write path. Nothing is revoked.
import { describeDetection } from './add-profile.ts'
import { CafError, UsageError } from './errors.ts'
import { assertProfileName } from './profile-name.ts'
import { hasJson5Comments, isPlainObject, loadConfig, updateConfig, type ConfigData } from './openclaw/config.ts'
import type { Detection } from './openclaw/detect.ts'
import { openAgentStore } from './openclaw/open-store.ts'
import type { Env } from './openclaw/state-dir.ts'
import { requireStoredProfile } from './openclaw/store.ts'
import type { Report, TaskIo } from './cli.ts'

export const NOT_REVOKED = 'nothing was revoked and `codex logout` was not called: the account\'s tokens stay valid until they expire; sign out at chatgpt.com to revoke them'

export interface RemoveProfileOptions {
  name?: string
  yes?: boolean
  agent?: string
  openclawVersion?: string
  env?: Env
}

export interface RemoveProfileResult {
  profileId: string
  email?: string
  accountId?: string
  storePath: string
  storeBackupPath?: string
  configPath: string
  /** Where the id was taken out of the config ("auth.profiles", "auth.order.openai"); empty: not written. */
  configRemoved: string[]
  configBackupPath?: string
  revoked: false
  note: string
  openclaw: { version?: string; source: Detection['source']; store: Detection['store'] }
  warnings: string[]
}

export async function removeProfile(opts: RemoveProfileOptions, io: TaskIo): Promise<RemoveProfileResult> {
  const { env = process.env } = opts
  if (!opts.name) throw new UsageError('missing profile name; e.g. npm run remove-profile -- alice')
  const name = assertProfileName(opts.name)
  const { configPath, detection, store } = await openAgentStore({ agent: opts.agent, openclawVersion: opts.openclawVersion, env, signal: io.signal })
  io.context(describeDetection(detection, store.path))
  const profileId = `${store.provider}:${name}`
  const inConfig = resolveConfigWithoutProfile((await loadConfig(configPath)).data, profileId).removed.length > 0
  let target
  try {
    target = requireStoredProfile(await store.listProfiles(), { profileId, path: store.path })
  } catch (err) {
    if (!inConfig || !(err instanceof CafError)) throw err
    throw new CafError(`${err.message}; ${configPath} still names it: \`npm run render-config -- --write\` drops it from there`)
  }
  const who = target.email ?? target.accountId ?? 'no email'
  await io.confirm(`Remove ${profileId} (${who}) from ${store.path}${inConfig ? ` and ${configPath}` : ''}?`, { yes: Boolean(opts.yes) })

  // The config first: were the store write to fail after it, a second run finds the profile still
  // stored and finishes; the other way round, it would find no profile and leave the config naming it.
  const config = await updateConfig(configPath, async (current) => {
    const { config: data, removed } = resolveConfigWithoutProfile(current.data, profileId)
    return { data: removed.length ? data : undefined, result: { removed, comments: Boolean(current.text && hasJson5Comments(current.text)) } }
  }, { signal: io.signal })
  const removed = await store.removeProfile(profileId)
  const warnings = removed.warnings ?? []
  if (config.written && config.result.comments) warnings.unshift(`${configPath} was rewritten as plain JSON (as OpenClaw writes it): its comments are only in the backup ${config.backupPath}`)
  for (const w of warnings) io.warn(w)
  if (io.json) io.info(NOT_REVOKED)
  return {
    profileId,
    email: target.email,
    accountId: target.accountId,
    storePath: store.path,
    storeBackupPath: removed.backupPath,
    configPath,
    configRemoved: config.written ? config.result.removed : [],
    configBackupPath: config.backupPath,
    revoked: false,
    note: NOT_REVOKED,
    openclaw: { version: detection.version, source: detection.source, store: detection.store },
    warnings,
  }
}

/**
 * The config without profileId in auth.profiles and in every auth.order list. A list left empty
 * is dropped: OpenClaw reads an empty explicit order as "no profile may be used".
 */
export function resolveConfigWithoutProfile(config: ConfigData, profileId: string): { config: ConfigData; removed: string[] } {
  const next = structuredClone(config)
  const removed: string[] = []
  const auth = next.auth
  if (!isPlainObject(auth)) return { config: next, removed }
  if (isPlainObject(auth.profiles) && profileId in auth.profiles) {
    delete auth.profiles[profileId]
    removed.push('auth.profiles')
  }
  if (isPlainObject(auth.order)) {
    for (const [provider, ids] of Object.entries(auth.order)) {
      if (!Array.isArray(ids) || !ids.includes(profileId)) continue
      const rest = ids.filter((id) => id !== profileId)
      if (rest.length) auth.order[provider] = rest
      else delete auth.order[provider]
      removed.push(`auth.order.${provider}`)
    }
  }
  return { config: next, removed }
}

export function formatRemoveProfile(r: RemoveProfileResult): Report {
  const lines = [
    `✓ removed ${r.profileId} (${r.email ?? 'no email'}${r.accountId ? `, account ${r.accountId}` : ''}) from ${r.storePath}${r.storeBackupPath ? `; backup ${r.storeBackupPath}` : ''}`,
    r.configRemoved.length
      ? `  ${r.configPath}: taken out of ${r.configRemoved.join(', ')}${r.configBackupPath ? `; backup ${r.configBackupPath}` : ''}`
      : `  ${r.configPath} did not name it; left unchanged`,
    `  ${r.note}`,
  ]
  return { data: r, lines }
}
