// The switch decision over `models status --json` captured from both pinned releases
// (test/fixtures/models-status, made by planting cooldowns the way OpenClaw records them).
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { chooseModel, resolveAvailability } from '../lib/model-choice.ts'
import { parseModelsStatus, type ModelsStatus } from '../lib/openclaw/models-status.ts'
import { loadStatusFixture as fixture, resolveFixtureNow as fixtureNow } from './support/fixtures.ts'

const OPUS = 'anthropic/claude-opus-4-6'
const LEGACY_CODEX = 'openai-codex/gpt-5.3-codex'
const CODEX = 'openai/gpt-5.5'

describe('chooseModel', () => {
  const cases: Array<[string, string, string[], string, string]> = [
    ['legacy: no Anthropic auth, Codex free', 'legacy-fresh', [OPUS, LEGACY_CODEX], LEGACY_CODEX, 'available'],
    ['legacy: alice cooling, bob free', 'legacy-alice-cooling', [OPUS, LEGACY_CODEX], LEGACY_CODEX, 'available'],
    ['legacy: every Codex profile cooling, Opus by env key', 'legacy-anthropic-env-key', [OPUS, LEGACY_CODEX], OPUS, 'available'],
    ['legacy: everything blocked, Codex frees up first', 'legacy-all-codex-cooling', [OPUS, LEGACY_CODEX], LEGACY_CODEX, 'soonest-free'],
    ['current: Opus first when it has auth', 'current-anthropic-env-key', [OPUS, CODEX], OPUS, 'available'],
    ['current: Codex first in priority but cooling, Opus answers', 'current-anthropic-env-key', [CODEX, OPUS], OPUS, 'available'],
    ['current: alice cooling, bob free', 'current-alice-cooling', [OPUS, CODEX], CODEX, 'available'],
    ['current: everything blocked, soonest free', 'current-all-codex-cooling', [OPUS, CODEX], CODEX, 'soonest-free'],
    ['unknown provider only: nothing known', 'current-fresh', ['nowhere/model'], 'nowhere/model', 'nothing-known'],
  ]
  for (const [name, fx, priority, want, reason] of cases) {
    test(name, () => {
      const s = fixture(fx)
      const choice = chooseModel(s, priority, fixtureNow(s))
      assert.equal(choice.model, want)
      assert.equal(choice.reason, reason)
    })
  }

  test('a cooldown that has ended no longer blocks', () => {
    const s = fixture('current-all-codex-cooling')
    const later = Math.max(...s.auth.unusableProfiles.map((u) => u.until)) + 1
    assert.equal(chooseModel(s, [OPUS, CODEX], later).model, CODEX)
  })

  test('a per-model block applies to that model only', () => {
    const s = fixture('current-fresh')
    const now = Date.now()
    const blocked: ModelsStatus = { ...s, auth: { ...s.auth, unusableProfiles: ['openai:alice', 'openai:bob'].map((profileId) => ({ profileId, provider: 'openai', kind: 'blocked', until: now + 60_000, model: CODEX })) } }
    assert.equal(resolveAvailability(blocked, CODEX, now).available, false)
    assert.equal(resolveAvailability(blocked, 'openai/gpt-5.4', now).available, true)
  })

  test('why names the blocked profiles and when they free up', () => {
    const s = fixture('current-all-codex-cooling')
    const a = resolveAvailability(s, CODEX, fixtureNow(s))
    assert.equal(a.why, 'cooldown (rate_limit) on all 2 openai profiles')
    assert.equal(a.freesAt, Math.min(...s.auth.unusableProfiles.map((u) => u.until)))
  })
})

describe('parseModelsStatus', () => {
  const bad: Array<[string, string, RegExp]> = [
    ['not JSON', 'Error: gateway closed', /did not print JSON/],
    ['missing auth', '{"defaultModel":null,"fallbacks":[]}', /auth .*expected object/],
    ['unusable entry without until', JSON.stringify({ defaultModel: 'a/b', fallbacks: [], auth: { providers: [], unusableProfiles: [{ profileId: 'x:y', kind: 'cooldown' }], oauth: { profiles: [] } } }), /auth\.unusableProfiles\.0\.until/],
  ]
  for (const [name, text, want] of bad) test(name, () => assert.throws(() => parseModelsStatus(text), want))
  test('extra fields are fine', () => {
    assert.equal(parseModelsStatus(JSON.stringify({ defaultModel: 'a/b', fallbacks: [], extra: 1, auth: { providers: [], unusableProfiles: [], oauth: { profiles: [], more: true } } })).defaultModel, 'a/b')
  })
})
