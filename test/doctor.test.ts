// Every doctor check over hand-made snapshots: a clean setup of each generation is all ok, and each
// planted fault is found by its check at the level chosen for it, with the command that fixes it.
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { describe, test } from 'node:test'
import { resolveCheckResults } from '../lib/doctor/checks.ts'
import { parseShellWords, resolveCronJobPaths } from '../lib/doctor/cron-check.ts'
import type { CheckResult, CronView, DoctorSnapshot } from '../lib/doctor/snapshot.ts'
import { formatDoctor } from '../lib/doctor.ts'
import { parseRelease } from '../lib/openclaw/releases.ts'
import { parseModelsStatus } from '../lib/openclaw/models-status.ts'
import type { ProfileSummary } from '../lib/openclaw/store.ts'
import { loadStatusFixture, redateStatusFixture } from './support/fixtures.ts'

const NOW = Date.parse('2026-11-25T12:00:00Z')
const HOUR = 3_600_000
const sha = (s: string) => createHash('sha256').update(s).digest('hex')
const FOUND: CronView = {
  state: 'found', via: 'gateway', id: 'job-1', enabled: true,
  paths: [{ path: '/usr/bin/node', role: 'node', exists: true }, { path: '/src/caf/tasks/check-and-switch.ts', role: 'script', exists: true }],
}

function profile(provider: string, name: string, extra: Partial<ProfileSummary> = {}): ProfileSummary {
  return {
    profileId: `${provider}:${name}`, provider, type: 'oauth', email: `${name}@example.com`, accountId: `acct-${name}`,
    expires: NOW + HOUR, hasRefresh: true, refreshDigest: sha(`refresh-${name}`), refreshFailed: false, ...extra,
  }
}

/** A setup render-config, two add-profiles and install-cron leave behind, on the given release. */
function clean(version: '2026.2.22' | '2026.9.6'): DoctorSnapshot {
  const gen = parseRelease(version)
  const p = gen.provider
  const codexModel = gen.modelProvider === 'openai' ? 'openai/gpt-5.5' : 'openai-codex/gpt-5.3-codex'
  return {
    now: NOW,
    detection: { ...gen, version, source: 'installed' },
    agentId: 'main',
    storePath: '/state/agents/main/agent/auth-profiles.json',
    profiles: { ok: true, value: [profile(p, 'alice'), profile(p, 'bob'), { profileId: 'anthropic:me', provider: 'anthropic', type: 'token', hasRefresh: false }] },
    storeOrder: { [p]: [`${p}:alice`, `${p}:bob`] },
    config: {
      ok: true,
      value: {
        path: '/state/openclaw.json',
        exists: true,
        data: {
          auth: {
            profiles: { [`${p}:alice`]: { provider: p, mode: 'oauth' }, [`${p}:bob`]: { provider: p, mode: 'oauth' }, 'anthropic:me': { provider: 'anthropic', mode: 'token' } },
            order: { [p]: [`${p}:alice`, `${p}:bob`] },
          },
          agents: { defaults: { model: { primary: 'anthropic/claude-opus-4-6', fallbacks: [codexModel] } } },
        },
      },
    },
    modelsStatus: { ok: true, value: loadStatusFixture(version === '2026.2.22' ? 'legacy-fresh' : 'current-fresh') },
    codexLogin: { path: '/home/u/.codex/auth.json', refreshDigest: sha('users-own-login') },
    files: { backups: [{ file: '/state/openclaw.json', paths: Array.from({ length: 10 }, (_, i) => `/state/.codex-auth-fallback-backups/openclaw.json.2026-11-${10 + i}`) }], temps: [], staleLocks: [] },
    cron: structuredClone(FOUND),
  }
}

function usageOf(profileId: string, { week, weekReset }: { week: number; weekReset?: number }) {
  return { profileId, email: `${profileId.split(':')[1]}@example.com`, reading: { status: 'ok' as const, usage: { week: { usedPercent: week, windowSeconds: 604_800, ...(weekReset ? { resetAt: weekReset } : {}) }, other: [], limitReached: week >= 100 } } }
}

function find(s: DoctorSnapshot, id: string) {
  const r = resolveCheckResults(s).find((c) => c.id === id)
  assert.ok(r, `check ${id} reported`)
  return r
}

describe('resolveCheckResults on a clean setup', () => {
  for (const version of ['2026.2.22', '2026.9.6'] as const) {
    test(`${version}: every check is ok and the report exits 0`, () => {
      const results = resolveCheckResults(clean(version))
      assert.deepEqual(results.filter((r) => r.level !== 'ok'), [])
      assert.equal(results.length, 17)
    })
  }
})

type Plant = (s: DoctorSnapshot) => void
const profiles = (s: DoctorSnapshot) => (s.profiles.ok ? s.profiles.value : assert.fail('profiles'))
const config = (s: DoctorSnapshot) => (s.config.ok ? s.config.value.data as { auth: { profiles: Record<string, unknown>; order: Record<string, string[]>; cooldowns?: unknown } } : assert.fail('config'))

// [name, release, plant, check id, level, message, fix]
const faults: Array<[string, '2026.2.22' | '2026.9.6', Plant, string, 'warn' | 'fail', RegExp, RegExp?]> = [
  ['store unreadable', '2026.2.22', (s) => { s.profiles = { ok: false, error: '/state/auth-profiles.json: is not valid JSON' } }, 'store', 'fail', /is not valid JSON/],
  ['leftover auth-profiles.json on 2026.9', '2026.9.6', (s) => { s.detection.leftoverJson = '/state/agents/main/agent/auth-profiles.json' }, 'leftover-store', 'fail', /left over .*will not use its credential store/, /^openclaw doctor --fix$/],
  ['openai-codex profile on 2026.9', '2026.9.6', (s) => { profiles(s).push(profile('openai-codex', 'old')) }, 'store-provider', 'fail', /openai-codex:old .*"all profiles in cooldown"/, /^openclaw doctor --fix$/],
  ['openai-codex entries in the config on 2026.9', '2026.9.6', (s) => { config(s).auth.order['openai-codex'] = ['openai-codex:alice'] }, 'config-provider', 'fail', /retired openai-codex naming: auth.order\["openai-codex"\]/, /^npm run render-config -- --write$/],
  ['openai-codex model ref on 2026.9', '2026.9.6', (s) => { (config(s) as any).agents.defaults.model.fallbacks = ['openai-codex/gpt-5.3-codex'] }, 'config-provider', 'fail', /openai-codex\/gpt-5\.3-codex/],
  ['a stored profile missing from auth.order', '2026.2.22', (s) => { config(s).auth.order['openai-codex'] = ['openai-codex:alice'] }, 'config-order', 'warn', /not in auth\.order\.openai-codex: openai-codex:bob/, /^npm run render-config -- --write$/],
  ['no auth.order at all', '2026.9.6', (s) => { delete (config(s).auth as any).order }, 'config-order', 'warn', /not in auth\.order\.openai: openai:alice, openai:bob/],
  ['a stored profile left out of the store\'s order', '2026.2.22', (s) => { s.storeOrder!['openai-codex'] = ['openai-codex:alice'] }, 'tried-order', 'warn', /never tries openai-codex:bob: the store's own order/, /^openclaw models auth order set --provider openai-codex openai-codex:alice openai-codex:bob$/],
  ['... which leaves one profile to fail over to', '2026.2.22', (s) => { s.storeOrder!['openai-codex'] = ['openai-codex:alice'] }, 'failover', 'warn', /only one usable Codex profile, openai-codex:alice/],
  ['no store order, and the config\'s leaves one out', '2026.9.6', (s) => { s.storeOrder = {}; config(s).auth.order.openai = ['openai:bob'] }, 'tried-order', 'warn', /never tries openai:alice: auth\.order\.openai in the config leaves it out/, /^npm run render-config -- --write$/],
  ['a config id the store lacks', '2026.2.22', (s) => { config(s).auth.profiles['openai-codex:gone'] = { provider: 'openai-codex', mode: 'oauth' } }, 'config-order', 'warn', /in the config but not in the store: openai-codex:gone/],
  ['two profiles, one account', '2026.9.6', (s) => { profiles(s).push(profile('openai', 'alice2', { accountId: 'acct-alice' })) }, 'duplicate-account', 'warn', /openai:alice and openai:alice2 are one account .*no failover/, /^npm run remove-profile -- alice2$/],
  ['two profiles, one refresh token', '2026.2.22', (s) => { profiles(s).push(profile('openai-codex', 'copy', { accountId: 'acct-alice', refreshDigest: sha('refresh-alice') })) }, 'duplicate-account', 'fail', /same refresh token/],
  ['expired, no refresh token', '2026.2.22', (s) => { Object.assign(profiles(s)[1]!, { hasRefresh: false, refreshDigest: undefined, expires: NOW - HOUR }) }, 'login', 'fail', /openai-codex:bob \(bob@example\.com\) has no refresh token and its access token expired 2026-11-25T11:00:00\.000Z/, /^npm run add-profile -- bob --replace$/],
  ['failed refresh on 2026.9', '2026.9.6', (s) => { Object.assign(profiles(s)[0]!, { hasRefresh: false, refreshDigest: undefined, refreshFailed: true }) }, 'login', 'fail', /openai:alice .*failed refresh/, /^npm run add-profile -- alice --replace$/],
  ['the codex CLI login shares a refresh token', '2026.9.6', (s) => { s.codexLogin!.refreshDigest = sha('refresh-bob') }, 'codex-cli-login', 'fail', /same refresh token as openai:bob/, /^npm run add-profile -- bob --replace$/],
  ['one usable profile', '2026.2.22', (s) => { profiles(s)[1]!.usage = { disabledUntil: NOW + HOUR, disabledReason: 'billing' } }, 'failover', 'warn', /only one usable Codex profile, openai-codex:alice/, /^npm run add-profile -- NAME$/],
  ['no Codex profile', '2026.9.6', (s) => { s.profiles = { ok: true, value: [] } }, 'failover', 'fail', /no usable Codex profile/],
  ['auth.cooldowns on 2026.9.6', '2026.9.6', (s) => { config(s).auth.cooldowns = { billingBackoffHours: 5 } }, 'auth-cooldowns', 'fail', /retired key: OpenClaw 2026\.9\.6 rejects/, /^openclaw doctor --fix$/],
  ['every Codex profile cooling down', '2026.2.22', (s) => { s.modelsStatus = { ok: true, value: parseModelsStatus(redateStatusFixture('legacy-all-codex-cooling', NOW)) } }, 'codex-available', 'warn', /openai-codex\/gpt-5\.3-codex cannot answer now: cooldown .*all 2 openai-codex profiles until /, /^npm run check-and-switch$/],
  ['no Codex model among the fallbacks', '2026.9.6', (s) => { if (s.modelsStatus?.ok) s.modelsStatus.value.fallbacks = [] }, 'codex-available', 'warn', /no openai\/\* model/],
  ['models status failed', '2026.9.6', (s) => { s.modelsStatus = { ok: false, error: 'AUTH_PROFILE_MIGRATION_REQUIRED: run openclaw doctor --fix' } }, 'codex-available', 'warn', /models status failed/, /^openclaw doctor --fix$/],
  ['cron job path gone', '2026.9.6', (s) => { (s.cron as any).paths[1].exists = false }, 'cron-job', 'fail', /script \/src\/caf\/tasks\/check-and-switch\.ts; every run fails/, /^npm run install-cron$/],
  ['cron job absent', '2026.2.22', (s) => { s.cron = { state: 'absent', via: 'jobs.json' } }, 'cron-job', 'warn', /no cron job model-cooldown-autoswitch in jobs\.json/, /^npm run install-cron$/],
  ['cron job disabled', '2026.2.22', (s) => { (s.cron as any).enabled = false }, 'cron-job', 'warn', /is disabled/],
  ["another agent's job absent", '2026.9.6', (s) => { s.agentId = 'ops'; s.cron = { state: 'absent', via: 'gateway' } }, 'cron-job', 'warn', /no cron job model-cooldown-autoswitch-ops in the gateway/, /^npm run install-cron -- --agent ops$/],
  ['no gateway on 2026.9', '2026.9.6', (s) => { s.cron = { state: 'unseen', gatewayDown: true, reason: 'Gateway not reachable' } }, 'cron-job', 'warn', /cannot see cron jobs without a running gateway/],
  ['backups beyond the kept 10', '2026.2.22', (s) => { s.files.backups[0]!.paths.unshift('/state/.codex-auth-fallback-backups/openclaw.json.2026-11-01', "/state/.codex-auth-fallback-backups/openclaw.json.2026-11-02 it's") }, 'backups', 'warn', /12 of \/state\/openclaw\.json; the 2 oldest/, /^rm -- \/state\/\.codex-auth-fallback-backups\/openclaw\.json\.2026-11-01 '\/state\/\.codex-auth-fallback-backups\/openclaw\.json\.2026-11-02 it'\\''s'$/],
  ['a temp file left over', '2026.2.22', (s) => { s.files.temps = ['/state/.openclaw.json.caf-tmp-99999-abcd'] }, 'temp-files', 'warn', /1 temp file/, /^rm -- \/state\/\.openclaw\.json\.caf-tmp-99999-abcd$/],
  ['an account out for the week', '2026.9.6', (s) => { s.usage = { ok: true, value: [usageOf('openai:alice', { week: 100, weekReset: NOW + 50 * HOUR }), usageOf('openai:bob', { week: 20 })] } }, 'usage', 'warn', /^exhausted for the week: openai:alice \(alice@example\.com\) until 2026-11-27T14:00:00Z \(in 50 h\); 1 of 2 accounts can answer$/],
  ['a login the usage endpoint rejects', '2026.2.22', (s) => { s.usage = { ok: true, value: [{ profileId: 'openai-codex:bob', email: 'bob@example.com', reading: { status: 'login-rejected', httpStatus: 401 } }] } }, 'usage', 'fail', /rejects the login of openai-codex:bob \(bob@example\.com\): a new sign-in is needed/, /^npm run add-profile -- bob --replace$/],
  ['the usage endpoint unreachable', '2026.9.6', (s) => { s.usage = { ok: true, value: [{ profileId: 'openai:alice', reading: { status: 'unknown', reason: 'network error (ECONNREFUSED)' } }] } }, 'usage', 'warn', /gave no answer for any account \(network error \(ECONNREFUSED\)\)/],
  ['a stale lock', '2026.9.6', (s) => { s.files.staleLocks = ['/state/openclaw.json.lock'] }, 'stale-locks', 'warn', /\/state\/openclaw\.json\.lock/, /^rm -- \/state\/openclaw\.json\.lock$/],
]

describe('resolveCheckResults finds each planted fault', () => {
  for (const [name, version, plant, id, level, message, fix] of faults) {
    test(`${version}: ${name} -> ${id} ${level}`, () => {
      const s = clean(version)
      plant(s)
      const r = find(s, id)
      assert.equal(r.level, level, r.message)
      assert.match(r.message, message)
      if (fix) assert.match(r.fix ?? '', fix)
    })
  }
})

describe('levels that depend on the release', () => {
  const cases = [
    ['auth.cooldowns on 2026.2.22 is a valid key', '2026.2.22', 'ok'],
    ['auth.cooldowns on 2026.6.5 may be retired', '2026.6.5', 'warn'],
    ['auth.cooldowns on 2026.9.6 is rejected', '2026.9.6', 'fail'],
  ] as const
  for (const [name, version, level] of cases) {
    test(name, () => {
      const s = clean('2026.2.22')
      // What the checks read of a release comes with the detection (releases.ts), not from the number alone.
      s.detection = { ...s.detection, ...parseRelease(version), provider: s.detection.provider, modelProvider: s.detection.modelProvider, version }
      config(s).auth.cooldowns = {}
      assert.equal(find(s, 'auth-cooldowns').level, level)
    })
  }
  test('a leftover auth-profiles.json before 2026.8.1 is a warning', () => {
    const s = clean('2026.9.6')
    Object.assign(s.detection, { ...parseRelease('2026.6.5'), version: '2026.6.5', leftoverJson: '/x/auth-profiles.json' })
    assert.equal(find(s, 'leftover-store').level, 'warn')
  })
  test('the openai-codex naming is right on 2026.2.22', () => {
    assert.equal(find(clean('2026.2.22'), 'config-provider').level, 'ok')
    assert.equal(find(clean('2026.2.22'), 'store-provider').level, 'ok')
  })
})

describe('resolveCronJobPaths', () => {
  const script = '/src/caf dir/tasks/check-and-switch.ts'
  test('a command payload: argv up to the script, and the pinned env paths', () => {
    assert.deepEqual(resolveCronJobPaths({ kind: 'command', argv: ['/n/node', script, '--session', 'agent:x:main'], env: { OPENCLAW_STATE_DIR: '/s', OPENCLAW_BIN: 'openclaw' } }), [
      { path: '/n/node', role: 'node' }, { path: script, role: 'script' }, { path: '/s', role: 'OPENCLAW_STATE_DIR' },
    ])
  })
  test('an agentTurn message: the quoted command line is read back', () => {
    const message = `Run exactly this command:\n\nOPENCLAW_STATE_DIR='/state it'\\''s' /n/node /t/cli.mjs '${script}'\n\nWhen it has finished: reply.`
    assert.deepEqual(resolveCronJobPaths({ kind: 'agentTurn', message }), [
      { path: '/n/node', role: 'node' }, { path: '/t/cli.mjs', role: 'tsx' }, { path: script, role: 'script' }, { path: "/state it's", role: 'OPENCLAW_STATE_DIR' },
    ])
  })
  test("the launcher install-cron names now is the script; a tasks/ path from an older install still is", () => {
    const launcher = '/src/caf dir/bin/check-and-switch.mjs'
    assert.deepEqual(resolveCronJobPaths({ kind: 'command', argv: ['/n/node', launcher, '--agent', 'ops'] }), [{ path: '/n/node', role: 'node' }, { path: launcher, role: 'script' }])
    assert.deepEqual(resolveCronJobPaths({ kind: 'command', argv: ['/n/node', '/elsewhere/check-and-switch.mjs'] }), [], 'a file of that name elsewhere is not ours')
  })
  test('a job that does not run check-and-switch names no paths of ours', () => {
    assert.deepEqual(resolveCronJobPaths({ kind: 'agentTurn', message: 'say hi' }), [])
  })
  test('parseShellWords', () => {
    assert.deepEqual(parseShellWords(`a 'b c' "d \\"e\\"" f\\ g ''`), ['a', 'b c', 'd "e"', 'f g', ''])
  })
})

describe('formatDoctor', () => {
  const result = (checks: CheckResult[]) => {
    const summary = { ok: 0, warn: 0, fail: 0 }
    for (const c of checks) summary[c.level]++
    return formatDoctor({ openclaw: { version: '2026.9.6', source: 'installed', store: 'sqlite', provider: 'openai' }, storePath: '/s', checks, summary })
  }
  const ok: CheckResult = { id: 'store', level: 'ok', message: 'fine', fix: 'never shown for ok' }
  const warn: CheckResult = { id: 'cron-job', level: 'warn', message: 'no job', fix: 'npm run install-cron' }
  const fail: CheckResult = { id: 'login', level: 'fail', message: 'a new login is needed', fix: 'npm run add-profile -- bob --replace' }
  const cases = [
    ['all ok', [ok], 0, 'doctor: 1 ok, 0 warn, 0 fail (all green)'],
    ['warnings alone exit 0', [ok, warn], 0, 'doctor: 1 ok, 1 warn, 0 fail (nothing broken)'],
    ['a failure exits 1', [ok, warn, fail], 1, 'doctor: 1 ok, 1 warn, 1 fail'],
  ] as const
  for (const [name, checks, exitCode, last] of cases) {
    test(name, () => {
      const r = result([...checks])
      assert.equal(r.exitCode, exitCode)
      assert.equal(r.lines.at(-1), last)
    })
  }
  test('one line per check, its fix below it unless it is ok', () => {
    assert.deepEqual(result([ok, warn, fail]).lines.slice(0, -1), [
      '✓ ok   store     fine',
      '! warn cron-job  no job',
      '                 fix: npm run install-cron',
      '✗ fail login     a new login is needed',
      '                 fix: npm run add-profile -- bob --replace',
    ])
  })
})
