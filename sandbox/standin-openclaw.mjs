#!/usr/bin/env node
// The demo's stand-in for the `openclaw` CLI on a machine without the pinned release (no network
// needed): it answers from the sandbox's own files, the way OpenClaw 2026.2.22 does:
//   models status --json     from agents/main/agent/auth-profiles.json (usageStats cooldowns) and
//                            openclaw.json (primary, fallbacks); ANTHROPIC_API_KEY counts as auth
//   gateway call sessions.*  a sessions file in the state dir, like the gateway's override
//   cron ...                 "no gateway", so install-cron edits cron/jobs.json as with 2026.2.22
// It reports no version, so the tool is told the release with --openclaw-version. The demo says
// when this stand-in plays OpenClaw; with .ci/install-tools run, the real release does.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import JSON5 from 'json5'

const args = process.argv.slice(2)
const state = process.env.OPENCLAW_STATE_DIR
const configPath = process.env.OPENCLAW_CONFIG_PATH || join(state, 'openclaw.json')
const agentDir = join(state, 'agents', 'main', 'agent')
const sessionsPath = join(state, 'agents', 'main', 'sessions', 'standin-sessions.json')
const print = (value) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`)
const read = (path, parse, fallback) => (existsSync(path) ? parse(readFileSync(path, 'utf8')) : fallback)

if (args[0] === '--version') {
  print('stand-in for openclaw (the demo names the release with --openclaw-version)')
} else if (args[0] === 'models' && args[1] === 'status') {
  const now = Date.now()
  const store = read(join(agentDir, 'auth-profiles.json'), JSON.parse, { profiles: {} })
  const model = read(configPath, JSON5.parse, {})?.agents?.defaults?.model ?? {}
  const byProvider = {}
  for (const [id, p] of Object.entries(store.profiles)) (byProvider[p.provider] ??= []).push(id)
  const providers = Object.entries(byProvider).map(([provider, ids]) => ({ provider, effective: { kind: 'profiles' }, profiles: { count: ids.length, oauth: ids.length, labels: ids } }))
  if (process.env.ANTHROPIC_API_KEY && !byProvider.anthropic) providers.unshift({ provider: 'anthropic', effective: { kind: 'env' }, profiles: { count: 0 } })
  const unusableProfiles = Object.entries(store.usageStats ?? {}).flatMap(([profileId, s]) => {
    const until = Math.max(s.cooldownUntil ?? 0, s.disabledUntil ?? 0)
    if (until <= now) return []
    const kind = (s.disabledUntil ?? 0) > now ? 'disabled' : 'cooldown'
    return [{ profileId, provider: store.profiles[profileId]?.provider, kind, ...(kind === 'disabled' ? { reason: s.disabledReason } : {}), until, remainingMs: until - now }]
  })
  const oauthProfiles = Object.entries(store.profiles).filter(([, p]) => p.type === 'oauth').map(([profileId, p]) => ({ profileId, provider: p.provider, type: 'oauth', status: 'ok', expiresAt: p.expires, remainingMs: p.expires - now, source: 'store', label: `${profileId} (${p.email})` }))
  print({ configPath, agentDir, defaultModel: model.primary ?? null, resolvedDefault: model.primary ?? null, fallbacks: model.fallbacks ?? [], aliases: {}, allowed: [], auth: { storePath: join(agentDir, 'auth-profiles.json'), providers, unusableProfiles, oauth: { warnAfterMs: 86_400_000, profiles: oauthProfiles } } })
} else if (args[0] === 'gateway' && args[1] === 'call' && args[2]?.startsWith('sessions.')) {
  const sessions = read(sessionsPath, JSON.parse, {})
  if (args[2] === 'sessions.patch') {
    const { key, model } = JSON.parse(args[args.indexOf('--params') + 1])
    sessions[key] = { ...sessions[key], updatedAt: Date.now(), ...(model ? { modelOverride: model } : { modelOverride: undefined }) }
    mkdirSync(join(sessionsPath, '..'), { recursive: true, mode: 0o700 })
    writeFileSync(sessionsPath, JSON.stringify(sessions, null, 2), { mode: 0o600 })
    print({ ok: true, key })
  } else {
    print({ sessions: Object.entries(sessions).map(([key, s]) => ({ key, ...s })) })
  }
} else if (args[0] === 'cron' || args[0] === 'gateway') {
  process.stderr.write('gateway closed (1006 abnormal closure (no close reason)): the stand-in runs no gateway\n')
  process.exit(1)
} else {
  process.stderr.write(`stand-in openclaw: not played in the demo: ${args.join(' ')}\n`)
  process.exit(2)
}
