import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { loadStoreAdapter } from '../lib/openclaw/open-store.ts'
import { parseRelease, parseVersion, resolveSince, TIMELINE, type Release } from '../lib/openclaw/releases.ts'

const pick = (r: Release) => ({ store: r.store, provider: r.provider, modelProvider: r.modelProvider, agentRuntime: r.agentRuntime })

describe('parseRelease', () => {
  const cases = [
    ['2026.2.22', 'json', 'openai-codex', 'openai-codex', false],
    ['2026.5.11', 'json', 'openai-codex', 'openai-codex', false],
    ['2026.5.12', 'json', 'openai-codex', 'openai', false],
    ['2026.5.28', 'json', 'openai-codex', 'openai', false],
    ['2026.6.1', 'json', 'openai', 'openai', false],
    ['2026.6.4', 'json', 'openai', 'openai', false],
    ['2026.6.5', 'sqlite', 'openai', 'openai', true],
    ['2026.9.6', 'sqlite', 'openai', 'openai', true],
    ['OpenClaw 2026.9.6 (abc1234)', 'sqlite', 'openai', 'openai', true],
    ['2026.5.30-beta.1', 'json', 'openai-codex', 'openai', false],
  ] as const
  for (const [version, store, provider, modelProvider, agentRuntime] of cases) {
    test(version, () => assert.deepEqual(pick(parseRelease(version)), { store, provider, modelProvider, agentRuntime }))
  }

  // The rest of the table, one column per behaviour, at the releases where each one changes.
  const more: Array<[string, Partial<Release>]> = [
    ['2026.2.22', { configValidate: false, leftoverJsonBlocks: false, authRefreshRpc: false, authCooldowns: 'valid', retiredProviders: [] }],
    ['2026.2.23', { authCooldowns: 'retired' }],
    ['2026.6.1', { configValidate: true, retiredProviders: ['openai-codex'], cronStore: 'database', cronPayload: 'agentTurn' }],
    ['2026.6.5', { cronPayload: 'command' }],
    ['2026.7.35', { leftoverJsonBlocks: false }],
    ['2026.8.1', { leftoverJsonBlocks: true, authRefreshRpc: false }],
    ['2026.9.5', { authRefreshRpc: true, authCooldowns: 'retired' }],
    ['2026.9.6', { authCooldowns: 'rejected' }],
  ]
  for (const [version, want] of more) {
    test(`${version}: ${Object.keys(want).join(', ')}`, () => {
      const r = parseRelease(version)
      assert.deepEqual(Object.fromEntries(Object.keys(want).map((k) => [k, r[k as keyof Release]])), want)
    })
  }

  test('an unreadable version is a usage error naming the flag', () => {
    assert.throws(() => parseRelease('latest'), /--openclaw-version/)
  })
  test('parseVersion', () => assert.deepEqual(parseVersion('v2026.10.3'), [2026, 10, 3]))
  test('resolveSince names the release a value starts at', () => {
    assert.equal(resolveSince('leftoverJsonBlocks', true), '2026.8.1')
    assert.equal(resolveSince('store', 'sqlite'), '2026.6.5')
  })
})

describe('the timeline', () => {
  test('the first row says every field, so every release has all of them', () => {
    const first = TIMELINE[0]![1]
    const all = new Set(TIMELINE.flatMap(([, change]) => Object.keys(change)))
    assert.deepEqual(Object.keys(first).sort(), [...all].sort())
  })
  test('rows are in release order', () => {
    const versions = TIMELINE.map(([v]) => parseVersion(v)!)
    for (let i = 1; i < versions.length; i++) assert.ok(versions[i - 1]!.join('.') !== versions[i]!.join('.') && (versions[i - 1]![0] * 1e4 + versions[i - 1]![1] * 100 + versions[i - 1]![2]) < (versions[i]![0] * 1e4 + versions[i]![1] * 100 + versions[i]![2]))
  })
  test('every store kind the timeline names has its adapter in lib/openclaw/stores/', async () => {
    const kinds = [...new Set(TIMELINE.flatMap(([, c]) => (c.store ? [c.store] : [])))]
    assert.deepEqual(kinds, ['json', 'sqlite'])
    for (const kind of kinds) {
      const adapter = await loadStoreAdapter(kind)
      assert.equal(typeof adapter.openStore, 'function', kind)
      assert.equal(typeof adapter.resolveStorePath, 'function', kind)
    }
    await assert.rejects(loadStoreAdapter('no-such-generation'), /no credential store adapter lib\/openclaw\/stores\/no-such-generation\.ts/)
  })
})
