// status: the effective order as OpenClaw computes it, the view built from a store fixture plus
// `models status --json` captured from both pinned releases, the table it prints, and the task run
// in a sandbox. No token, nor a piece of one, may reach any of it.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { parseRelease } from '../lib/openclaw/releases.ts'
import { summarizeJsonStore, type JsonStoreData } from '../lib/openclaw/stores/json.ts'
import type { ModelsStatus } from '../lib/openclaw/models-status.ts'
import type { ProfileSummary } from '../lib/openclaw/store.ts'
import { resolveEffectiveOrder } from '../lib/profile-order.ts'
import { formatAccountId, formatRelative, formatStatus } from '../lib/status-table.ts'
import { resolveStatusView, type StatusView } from '../lib/status-view.ts'
import { loadStatusFixture, loadStatusFixtureText } from './support/fixtures.ts'
import { CONFIG, STORE, seedState } from './support/config-fixture.ts'
import { createSandbox, findTokenLeak, type Sandbox } from './support/sandbox.ts'

const MIN = 60_000
const NOW = 1_800_000_000_000
const oauth = (id: string, extra: Partial<ProfileSummary> = {}): ProfileSummary => ({ profileId: id, provider: id.split(':')[0]!, type: 'oauth', hasRefresh: true, ...extra })

describe('resolveEffectiveOrder', () => {
  const a = oauth('p:a')
  const b = oauth('p:b')
  const c = oauth('p:c', { usage: { lastUsed: 1 } })
  const tok = oauth('p:t', { type: 'token' })
  const cases: Array<[string, Partial<Parameters<typeof resolveEffectiveOrder>[0]>, string[], string]> = [
    ['the store order wins over the config', { storeOrder: { p: ['p:b', 'p:a'] }, config: { auth: { order: { p: ['p:a', 'p:b'] } } } }, ['p:b', 'p:a'], 'store'],
    ['the config order when the store has none', { config: { auth: { order: { p: ['p:b', 'p:a'] } } } }, ['p:b', 'p:a'], 'config'],
    ['an explicit order leaves out what it does not name', { config: { auth: { order: { p: ['p:b'] } } } }, ['p:b'], 'config'],
    ['an empty explicit order turns the provider off', { storeOrder: { p: [] } }, [], 'store'],
    ['no order: the config\'s profiles of the provider', { config: { auth: { profiles: { 'p:c': { provider: 'p', mode: 'oauth' }, 'p:a': { provider: 'p', mode: 'oauth' } } } } }, ['p:a', 'p:c'], 'default'],
    ['no order: oauth before token, least recently used first', { profiles: [c, tok, a] }, ['p:a', 'p:c', 'p:t'], 'default'],
    ['cooling profiles go last, the soonest free first', { config: { auth: { order: { p: ['p:a', 'p:b', 'p:c'] } } }, unusableUntil: { 'p:a': NOW + 9 * MIN, 'p:b': NOW + 2 * MIN, 'p:c': NOW - MIN } }, ['p:c', 'p:b', 'p:a'], 'config'],
    ['a config entry of another mode hides the profile', { config: { auth: { profiles: { 'p:a': { provider: 'p', mode: 'api_key' } }, order: { p: ['p:a', 'p:b'] } } } }, ['p:b'], 'config'],
    ['every configured id gone from the store: the stored ones', { config: { auth: { profiles: { 'p:gone': { provider: 'p', mode: 'oauth' } } } } }, ['p:a', 'p:b', 'p:c'], 'default'],
  ]
  for (const [name, input, ids, source] of cases) {
    test(name, () => {
      const got = resolveEffectiveOrder({ provider: 'p', profiles: [a, b, c], storeOrder: {}, config: {}, unusableUntil: {}, now: NOW, ...input })
      assert.deepEqual(got, { ids, source })
    })
  }
})

describe('formatRelative', () => {
  const cases: Array<[number, string]> = [[52 * MIN, 'in 52 min'], [-3 * 60 * MIN, '3 h ago'], [20_000, 'in <1 min'], [89 * MIN, 'in 89 min'], [-50 * 60 * MIN, '2 d ago']]
  for (const [delta, want] of cases) test(want, () => assert.equal(formatRelative(NOW + delta, NOW), want))
  test('account ids: a UUID is cut to 8 characters, a short id is whole', () => {
    assert.equal(formatAccountId('1f6c2b9e-0d4a-4c3e-9b7a-5e8d2c1a0f33'), '1f6c2b9e…')
    assert.equal(formatAccountId('acct-alice'), 'acct-alice')
  })
})

type Era = 'legacy' | 'current'
const VERSION: Record<Era, string> = { legacy: '2026.2.22', current: '2026.9.6' }

/** The capture's clock: an oauth profile's expiresAt minus its remainingMs. */
function captureClock(s: ModelsStatus): number {
  const p = s.auth.oauth.profiles[0]!
  return p.expiresAt! - (p.remainingMs as number)
}

/**
 * The store those captures were made from: alice and bob as each release's store summarizes them,
 * with the usage stats test/support/plant.ts wrote (cooldownUntil, cooldownReason).
 */
function viewOf(era: Era, fixture: string): { view: StatusView; now: number } {
  const status = loadStatusFixture(`${era}-${fixture}`)
  const now = captureClock(status)
  const gen = parseRelease(VERSION[era])
  const id = (n: string) => `${gen.provider}:${n}`
  const expires = (n: string) => status.auth.oauth.profiles.find((p) => p.profileId === id(n))?.expiresAt ?? undefined
  const planted = (n: string) => {
    const u = status.auth.unusableProfiles.find((x) => x.profileId === id(n))
    return u ? { cooldownUntil: u.until, cooldownReason: 'rate_limit' } : {}
  }
  const profiles: ProfileSummary[] = [
    oauth(id('alice'), { email: 'alice@example.com', accountId: 'acct-alice', expires: expires('alice'), ...(era === 'current' ? { plan: 'plus' } : {}), usage: { lastUsed: now - 5 * MIN, ...planted('alice') } }),
    oauth(id('bob'), { email: 'bob@example.com', accountId: '1f6c2b9e-0d4a-4c3e-9b7a-5e8d2c1a0f33', expires: expires('bob'), usage: planted('bob') }),
    { profileId: 'anthropic:me', provider: 'anthropic', type: 'token', hasRefresh: false },
  ]
  const config = { auth: { order: { [gen.provider]: [id('alice'), id('bob')] } } }
  const view = resolveStatusView({ detection: { ...gen, version: VERSION[era], source: 'installed' }, storePath: '/s/store', configPath: '/s/openclaw.json', profiles, storeOrder: {}, config, modelsStatus: status, now })
  return { view, now }
}

describe('status from models status captured on both releases', () => {
  test('legacy (2026.2.22), alice cooling: the order computed here puts her last; the store gives the reason', () => {
    assert.deepEqual(formatStatus(viewOf('legacy', 'alice-cooling').view).lines, [
      'OpenClaw 2026.2.22 (installed): auth-profiles.json /s/store, provider openai-codex',
      'config /s/openclaw.json: primary anthropic/claude-opus-4-6, fallbacks openai-codex/gpt-5.3-codex',
      '',
      'ORDER  PROFILE             EMAIL              PLAN  ACCOUNT     ACCESS TOKEN  REFRESH  STATE                                 LAST USED',
      '1      openai-codex:bob    bob@example.com    -     1f6c2b9e…   in 60 min     yes      ok                                    never',
      '2      openai-codex:alice  alice@example.com  -     acct-alice  in 60 min     yes      cooldown (rate_limit) ends in 20 min  5 min ago',
      '1      anthropic:me        -                  -     -           -             -        ok                                    never',
    ])
  })

  test('current (2026.9.6), alice cooling: OpenClaw\'s own effective order', () => {
    const { view } = viewOf('current', 'alice-cooling')
    assert.deepEqual(view.order.openai, { ids: ['openai:bob', 'openai:alice'], source: 'openclaw' })
    assert.deepEqual(formatStatus(view).lines.slice(3, 6), [
      'ORDER  PROFILE       EMAIL              PLAN  ACCOUNT     ACCESS TOKEN  REFRESH  STATE                                 LAST USED',
      '1      openai:bob    bob@example.com    -     1f6c2b9e…   in 60 min     yes      ok                                    never',
      '2      openai:alice  alice@example.com  plus  acct-alice  in 59 min     yes      cooldown (rate_limit) ends in 20 min  5 min ago',
    ])
  })

  // [era, fixture, rows as "ORDER PROFILE STATE"]
  const cases: Array<[Era, string, string[]]> = [
    ['legacy', 'fresh', ['1 openai-codex:alice ok', '2 openai-codex:bob ok', '1 anthropic:me ok']],
    ['current', 'fresh', ['1 openai:alice ok', '2 openai:bob ok', '1 anthropic:me ok']],
    ['legacy', 'all-codex-cooling', ['1 openai-codex:alice cooldown (rate_limit) ends in 20 min', '2 openai-codex:bob cooldown (rate_limit) ends in 40 min', '1 anthropic:me ok']],
    ['current', 'all-codex-cooling', ['1 openai:alice cooldown (rate_limit) ends in 20 min', '2 openai:bob cooldown (rate_limit) ends in 40 min', '1 anthropic:me ok']],
    ['legacy', 'anthropic-env-key', ['1 openai-codex:alice cooldown (rate_limit) ends in 20 min', '2 openai-codex:bob cooldown (rate_limit) ends in 40 min', '1 anthropic:me ok']],
    ['current', 'anthropic-env-key', ['1 openai:alice cooldown (rate_limit) ends in 20 min', '2 openai:bob cooldown (rate_limit) ends in 40 min', '1 anthropic:me ok']],
  ]
  for (const [era, fixture, rows] of cases) {
    test(`${era} ${fixture}`, () => {
      const { view, now } = viewOf(era, fixture)
      const got = view.profiles.map((r) => `${r.position ?? '-'} ${r.profileId} ${r.unusable.map((u) => `${u.kind}${u.reason ? ` (${u.reason})` : ''} ends ${formatRelative(u.until, now)}`).join('; ') || 'ok'}`)
      assert.deepEqual(got, rows)
    })
  }

  test('the masked API key models status prints never reaches the table or the JSON', () => {
    for (const era of ['legacy', 'current'] as const) {
      assert.match(loadStatusFixtureText(`${era}-anthropic-env-key`), /sk-ant-t\.\.\./, 'the fixture does carry one')
      const { view } = viewOf(era, 'anthropic-env-key')
      const out = `${formatStatus(view).lines.join('\n')}\n${JSON.stringify(view)}`
      assert.doesNotMatch(out, /sk-ant|y-000000/)
    }
  })

  test('without models status: a note, the order from the store and the config, models from the config', () => {
    const gen = parseRelease('2026.2.22')
    const view = resolveStatusView({
      detection: { ...gen, source: 'state-dir' }, storePath: '/s/store', configPath: '/s/c.json', storeOrder: { 'openai-codex': ['openai-codex:b'] },
      profiles: [oauth('openai-codex:a', { usage: { blockedUntil: NOW + 3 * 60 * MIN, blockedReason: 'subscription_limit' } }), oauth('openai-codex:b', { expires: NOW - 3 * 60 * MIN, hasRefresh: false })],
      config: { agents: { defaults: { model: { primary: 'x/y', fallbacks: ['openai-codex/z'] } } } }, notes: ['no OpenClaw to run'], now: NOW,
    })
    assert.deepEqual([view.primary, view.fallbacks], ['x/y', ['openai-codex/z']])
    const lines = formatStatus(view).lines
    assert.match(lines.find((l) => l.includes('openai-codex:a'))!, /^- .* blocked \(subscription_limit\) ends in 3 h  never$/)
    assert.match(lines.find((l) => l.includes('openai-codex:b'))!, /^1 .* expired 3 h ago +no +ok/)
    assert.ok(lines.includes('note: no OpenClaw to run'))
    assert.ok(lines.some((l) => l.startsWith('ORDER "-": not in its provider\'s effective order')))
  })

  test('from a JSON store holding tokens: no token or piece of one in the table or the JSON', () => {
    const store = { ...STORE, usageStats: { 'openai-codex:alice': { cooldownUntil: NOW + MIN, lastUsed: NOW - MIN } } } as JsonStoreData
    const tokens = Object.values(STORE.profiles).flatMap((p) => Object.entries(p).filter(([k]) => ['access', 'refresh', 'token'].includes(k)).map(([, v]) => String(v)))
    const view = resolveStatusView({ detection: { ...parseRelease('2026.2.22'), source: 'flag' }, storePath: '/s', configPath: '/c', profiles: summarizeJsonStore(store), storeOrder: {}, config: {}, now: NOW })
    const leak = findTokenLeak(`${formatStatus(view).lines.join('\n')}\n${JSON.stringify(view)}`, tokens)
    assert.equal(leak, undefined, leak)
  })
})

describe('status (task, JSON store, no OpenClaw)', () => {
  let sb: Sandbox
  before(async () => {
    sb = await createSandbox()
    await seedState(sb.stateDir, CONFIG)
  })
  after(() => sb.cleanup())

  test('prints the table with a note that OpenClaw could not be asked, and writes nothing', async () => {
    const snap = await sb.snapshot(sb.stateDir)
    const r = await sb.run('status', [])
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /^OpenClaw \(version unknown\) \(judged by the state dir\): auth-profiles\.json /)
    assert.match(r.stdout, /^1 +openai-codex:bob +bob@example\.com /m)
    assert.match(r.stdout, /^- +openai-codex:alice +alice@example\.com /m)
    assert.match(r.stdout, /^note: no OpenClaw to run \(set OPENCLAW_BIN\)/m)
    assert.deepEqual(await sb.snapshot(sb.stateDir), snap)
  })

  test('--json: one object with the rows', async () => {
    const r = await sb.run('status', ['--json', '--openclaw-version', '2026.2.22'])
    assert.equal(r.code, 0, r.stderr)
    const out = JSON.parse(r.stdout) as StatusView
    assert.deepEqual(out.profiles.map((p) => [p.profileId, p.position ?? null]), [['openai-codex:bob', 1], ['openai-codex:alice', null], ['anthropic:me', 1]])
    assert.equal(out.openclaw.version, '2026.2.22')
    assert.match(out.notes[0]!, /models status failed/)
  })

  test('a bad agent id is a usage error', async () => {
    const r = await sb.run('status', ['--agent', '../x'])
    assert.equal(r.code, 2)
  })

  test('no token of the store in any output', () => {
    const tokens = Object.values(STORE.profiles).flatMap((p) => Object.entries(p).filter(([k]) => ['access', 'refresh', 'token'].includes(k)).map(([, v]) => String(v)))
    const leak = findTokenLeak(sb.output.join('\n'), [...tokens, 'gateway-secret-0123456789'])
    assert.equal(leak, undefined, leak)
  })
})
