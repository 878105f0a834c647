// add-profile: one Codex (ChatGPT sign-in) account in, as its own OpenClaw auth profile.
import { resolve } from 'node:path'
import { resolveIdentity } from './claims.ts'
import { loadCodexAuthFile } from './codex-auth-file.ts'
import { resolveCodexBin } from './codex-bin.ts'
import { loginWithCodex, stripAnsi } from './codex-login.ts'
import { assertProfileName } from './profile-name.ts'
import { registerSecret } from './secrets.ts'
import type { Detection } from './openclaw/detect.ts'
import { CafError } from './errors.ts'
import { openAgentStore } from './openclaw/open-store.ts'
import { assertUpsertAllowed, type CodexCredential, type PendingUpsert } from './openclaw/store.ts'
import type { Env } from './openclaw/state-dir.ts'
import type { Report, TaskIo } from './cli.ts'

export interface AddProfileOptions {
  name?: string
  from?: string
  browser?: boolean
  issuer?: string
  replace?: boolean
  yes?: boolean
  agent?: string
  openclawVersion?: string
  env?: Env
  now?: number
}

export interface AddProfileResult {
  profileId: string
  provider: string
  email?: string
  accountId: string
  plan?: string
  expires: number
  storePath: string
  backupPath?: string
  replaced: boolean
  order: string[]
  openclaw: { version?: string; source: Detection['source']; store: Detection['store'] }
  warnings: string[]
}

export async function addProfile(opts: AddProfileOptions, io: TaskIo): Promise<AddProfileResult> {
  const { env = process.env, now = Date.now() } = opts
  const name = assertProfileName(opts.name)
  const { detection, store } = await openAgentStore({ agent: opts.agent, openclawVersion: opts.openclawVersion, env, signal: io.signal })
  io.context(describeDetection(detection, store.path))
  const warnings: string[] = []
  if (detection.leftoverJson) {
    const leftover = `${detection.leftoverJson} is a leftover from an older OpenClaw; run \`openclaw doctor --fix\` to migrate it (this tool leaves it untouched)`
    // From 2026.8.1 OpenClaw refuses to use its store at all until the file is migrated.
    if (detection.leftoverJsonBlocks) throw new CafError(`${leftover}; OpenClaw ${detection.version} will not use its credential store until then`)
    io.warn(leftover)
  }
  const profileId = `${store.provider}:${name}`
  // Fail before a login is spent: the name is taken and --replace was not given.
  assertUpsertAllowed(await store.listProfiles(), { profileId, replace: Boolean(opts.replace) })

  let tokens
  let pending: PendingUpsert | undefined
  if (opts.from) {
    const from = resolve(opts.from)
    tokens = await loadCodexAuthFile(from)
    resolveIdentity(tokens, { now, source: from }) // bad claims stop us before the prompt
    await io.confirm(`Import ${from} as ${profileId} into ${store.path}?`, { yes: Boolean(opts.yes) })
    warnings.push(`refresh tokens are single-use: do not use ${from} (or the codex login it came from) again, or this profile will break at its next refresh`)
  } else {
    await io.confirm(`Sign in to a ChatGPT account with codex and store it as ${profileId} in ${store.path}?`, { yes: Boolean(opts.yes) })
    const bin = await resolveCodexBin(env as NodeJS.ProcessEnv)
    // The store's write starts while the user signs in (on 2026.6.5+ that loads OpenClaw's SDK).
    pending = store.beginUpsert?.()
    tokens = await io.spinner('waiting for the codex sign-in to finish…', () => loginWithCodex({
      bin,
      flow: opts.browser ? 'browser' : 'device',
      issuer: opts.issuer,
      signal: io.signal,
      env: env as NodeJS.ProcessEnv,
      onOutput: (line) => io.info(io.interactive ? line : stripAnsi(line)),
    })).catch((err: unknown) => {
      pending?.cancel()
      throw err
    })
  }
  for (const t of [tokens.access, tokens.refresh, tokens.idToken]) registerSecret(t)
  let identity
  try {
    identity = resolveIdentity(tokens, { now, source: opts.from ? resolve(opts.from) : 'codex login result' })
  } catch (err) {
    pending?.cancel()
    throw err
  }
  const credential: CodexCredential = { ...tokens, ...identity }
  const request = { profileId, credential, replace: Boolean(opts.replace) }
  const result = pending ? await pending.upsert(request) : await store.upsertCodexProfile(request)
  warnings.push(...(result.warnings ?? []))
  for (const w of warnings) io.warn(w)
  return {
    profileId,
    provider: store.provider,
    email: identity.email,
    accountId: identity.accountId,
    plan: identity.plan,
    expires: identity.expires,
    storePath: store.path,
    backupPath: result.backupPath,
    replaced: result.replaced,
    order: result.order,
    openclaw: { version: detection.version, source: detection.source, store: detection.store },
    warnings,
  }
}

export function describeDetection(d: Pick<Detection, 'version' | 'source' | 'store' | 'provider'>, storePath: string): string {
  const who = d.version ? `OpenClaw ${d.version}` : 'OpenClaw (version unknown)'
  const how = { flag: 'from --openclaw-version', installed: 'installed', 'state-dir': 'judged by the state dir' }[d.source]
  return `${who} (${how}): ${d.store === 'json' ? 'auth-profiles.json' : 'state database'} ${storePath}, provider ${d.provider}`
}

export function formatAddProfile(r: AddProfileResult): Report {
  const lines = [
    `✓ ${r.replaced ? 'replaced' : 'added'} ${r.profileId} (${r.email ?? 'no email'}, account ${r.accountId}${r.plan ? `, plan ${r.plan}` : ''})`,
    `  access token expires ${new Date(r.expires).toISOString()}; order for ${r.provider}: ${r.order.join(', ')}`,
    `  store ${r.storePath}${r.backupPath ? `; backup ${r.backupPath}` : ''}`,
  ]
  return { data: r, lines }
}
