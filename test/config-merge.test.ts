import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { mergeFragment, resolveConfigMerge, type ConfigMergeInput } from '../lib/config-merge.ts'
import { loadConfigTemplate, resolveTemplatePath } from '../lib/config-template.ts'
import type { ProfileSummary } from '../lib/openclaw/store.ts'

const codexTemplate = await loadConfigTemplate(resolveTemplatePath('openai-codex'))
const openaiTemplate = await loadConfigTemplate(resolveTemplatePath('openai'))

const oauth = (profileId: string, email = `${profileId.split(':')[1]}@example.com`): ProfileSummary =>
  ({ profileId, provider: profileId.split(':')[0]!, type: 'oauth', email, hasRefresh: true })
const token = (profileId: string): ProfileSummary => ({ profileId, provider: profileId.split(':')[0]!, type: 'token', hasRefresh: false })
const entry = (provider: string, email: string) => ({ provider, mode: 'oauth', email })
const alice = oauth('openai-codex:alice')
const bob = oauth('openai-codex:bob')
const carol = oauth('openai-codex:carol')
const codexDefaults = {
  model: { primary: 'anthropic/claude-opus-4-6', fallbacks: ['openai-codex/gpt-5.3-codex'] },
  models: { 'anthropic/claude-opus-4-6': { alias: 'opus' }, 'openai-codex/gpt-5.3-codex': { alias: 'codex' } },
}

type Case = [string, Partial<ConfigMergeInput>, { config?: object; auth?: object; order?: object; defaults?: object; stale?: string[]; moved?: string[] }]
const cases: Case[] = [
  ['new config: profiles, their order and the template models', { config: {}, profiles: [alice, bob] }, {
    config: {
      agents: { defaults: codexDefaults },
      auth: {
        profiles: { 'openai-codex:alice': entry('openai-codex', 'alice@example.com'), 'openai-codex:bob': entry('openai-codex', 'bob@example.com') },
        order: { 'openai-codex': ['openai-codex:alice', 'openai-codex:bob'] },
      },
    },
    stale: [],
  }],
  ['other providers and unrelated keys stay as they were', {
    config: {
      gateway: { port: 18789, auth: { token: '${GATEWAY_TOKEN}' } },
      auth: { profiles: { 'anthropic:me': { provider: 'anthropic', mode: 'token' } }, order: { anthropic: ['anthropic:me', 'anthropic:gone'] }, cooldowns: { billingBackoffHours: 5 } },
      agents: { defaults: { workspace: '~/work', models: { 'anthropic/claude-sonnet-4-5': { alias: 'sonnet' } } }, list: [{ id: 'main' }] },
    },
    profiles: [alice, token('anthropic:me')],
  }, {
    config: {
      gateway: { port: 18789, auth: { token: '${GATEWAY_TOKEN}' } },
      auth: {
        profiles: { 'anthropic:me': { provider: 'anthropic', mode: 'token' }, 'openai-codex:alice': entry('openai-codex', 'alice@example.com') },
        order: { anthropic: ['anthropic:me', 'anthropic:gone'], 'openai-codex': ['openai-codex:alice'] },
        cooldowns: { billingBackoffHours: 5 },
      },
      agents: {
        defaults: { workspace: '~/work', models: { 'anthropic/claude-sonnet-4-5': { alias: 'sonnet' }, ...codexDefaults.models }, model: codexDefaults.model },
        list: [{ id: 'main' }],
      },
    },
    stale: [],
  }],
  ['profiles the user ordered keep their place; new ones are appended', {
    config: { auth: { order: { 'openai-codex': ['openai-codex:bob', 'openai-codex:alice'] } } },
    profiles: [alice, bob, carol],
  }, { order: { 'openai-codex': ['openai-codex:bob', 'openai-codex:alice', 'openai-codex:carol'] } }],
  ['ids no longer in the store are dropped and listed', {
    config: { auth: { profiles: { 'openai-codex:old': entry('openai-codex', 'old@example.com'), 'openai-codex:bob': { provider: 'openai-codex', mode: 'oauth', displayName: 'Bob' } }, order: { 'openai-codex': ['openai-codex:old', 'openai-codex:bob'] } } },
    profiles: [alice, bob],
  }, {
    auth: {
      profiles: { 'openai-codex:bob': { provider: 'openai-codex', mode: 'oauth', displayName: 'Bob', email: 'bob@example.com' }, 'openai-codex:alice': entry('openai-codex', 'alice@example.com') },
      order: { 'openai-codex': ['openai-codex:bob', 'openai-codex:alice'] },
    },
    stale: ['openai-codex:old'],
  }],
  ['an order left with only stale ids is removed, not left empty (empty means none)', {
    config: { auth: { order: { 'openai-codex': ['openai-codex:old'] } } },
    profiles: [],
  }, { auth: { order: {} }, stale: ['openai-codex:old'] }],
  ['no order yet: other stored profiles of the provider are kept in it', {
    config: {}, provider: 'openai', template: openaiTemplate, profiles: [token('openai:apikey'), oauth('openai:alice')],
  }, { auth: { profiles: { 'openai:alice': entry('openai', 'alice@example.com') }, order: { openai: ['openai:apikey', 'openai:alice'] } } }],
  ['custom primary and fallbacks, deduplicated, each with a models entry', {
    config: {}, profiles: [alice], primary: 'openai-codex/gpt-5.3-codex', fallbacks: ['anthropic/claude-opus-4-6', 'openai-codex/gpt-5.3-codex', 'anthropic/claude-opus-4-6', 'openai-codex/gpt-5.2'],
  }, {
    defaults: {
      model: { primary: 'openai-codex/gpt-5.3-codex', fallbacks: ['anthropic/claude-opus-4-6', 'openai-codex/gpt-5.2'] },
      models: { ...codexDefaults.models, 'openai-codex/gpt-5.2': {} },
    },
  }],
  ['a model given as a string becomes {primary, fallbacks}, which 2026.2.22 requires', {
    config: { agents: { defaults: { model: 'anthropic/claude-opus-4-5' } } }, template: {}, profiles: [],
  }, { defaults: { model: { primary: 'anthropic/claude-opus-4-5', fallbacks: [] }, models: { 'anthropic/claude-opus-4-5': {} } } }],
  ['an alias the template gives is taken from the model that had it', {
    config: { agents: { defaults: { models: { 'anthropic/claude-opus-4-5': { alias: 'opus', params: { temperature: 1 } } } } } }, profiles: [],
  }, {
    defaults: { model: codexDefaults.model, models: { 'anthropic/claude-opus-4-5': { params: { temperature: 1 } }, ...codexDefaults.models } },
    moved: ['opus: anthropic/claude-opus-4-5 -> anthropic/claude-opus-4-6'],
  }],
  ['openai naming (2026.6.1+): openai:* profiles, openai/* models, openai-codex leftovers dropped', {
    config: {
      auth: {
        profiles: { 'openai-codex:alice': entry('openai-codex', 'alice@example.com'), 'openai:key': { provider: 'openai', mode: 'api_key' } },
        order: { 'openai-codex': ['openai-codex:alice'], openai: ['openai:key', 'openai-codex:alice'] },
      },
    },
    provider: 'openai', retiredProviders: ['openai-codex'], template: openaiTemplate, profiles: [oauth('openai:alice'), token('openai:key')],
  }, {
    config: {
      auth: {
        profiles: { 'openai:key': { provider: 'openai', mode: 'api_key' }, 'openai:alice': entry('openai', 'alice@example.com') },
        order: { openai: ['openai:key', 'openai:alice'] },
      },
      agents: { defaults: { model: { primary: 'anthropic/claude-opus-4-6', fallbacks: ['openai/gpt-5.5'] }, models: { 'anthropic/claude-opus-4-6': { alias: 'opus' }, 'openai/gpt-5.5': { alias: 'codex' } } } },
    },
    stale: ['openai-codex:alice'],
  }],
]

describe('resolveConfigMerge', () => {
  for (const [name, input, want] of cases) {
    test(name, () => {
      const config = structuredClone(input.config ?? {})
      const r = resolveConfigMerge({ config, template: codexTemplate, profiles: [], provider: 'openai-codex', ...input })
      assert.deepEqual(config, input.config ?? {}, 'the input is not changed')
      if (want.config) assert.deepEqual(r.config, want.config)
      if (want.auth) assert.deepEqual(r.config.auth, want.auth)
      if (want.order) assert.deepEqual((r.config.auth as { order: object }).order, want.order)
      if (want.defaults) assert.deepEqual((r.config.agents as { defaults: object }).defaults, want.defaults)
      if (want.stale) assert.deepEqual(r.stale, want.stale)
      assert.deepEqual(r.movedAliases, want.moved ?? [])
    })
  }

  test('merging twice changes nothing the second time', () => {
    const once = resolveConfigMerge({ config: { auth: { order: { 'openai-codex': ['openai-codex:x'] } } }, template: codexTemplate, profiles: [alice, bob], provider: 'openai-codex' })
    const twice = resolveConfigMerge({ config: once.config, template: codexTemplate, profiles: [alice, bob], provider: 'openai-codex' })
    assert.deepEqual(twice.config, once.config)
    assert.deepEqual(twice.stale, [])
  })

  const runtime = { modelProvider: 'openai', id: 'openclaw' }
  test('every Codex model used is pinned to the runtime; other models are not', () => {
    const r = resolveConfigMerge({ config: {}, template: openaiTemplate, profiles: [oauth('openai:alice')], provider: 'openai', primary: 'openai/gpt-5.4', runtime })
    assert.deepEqual((r.config.agents as { defaults: object }).defaults, {
      model: { primary: 'openai/gpt-5.4', fallbacks: ['openai/gpt-5.5'] },
      models: {
        'anthropic/claude-opus-4-6': { alias: 'opus' },
        'openai/gpt-5.5': { alias: 'codex', agentRuntime: { id: 'openclaw' } },
        'openai/gpt-5.4': { agentRuntime: { id: 'openclaw' } },
      },
    })
  })

  test('a runtime the config already names for a model is kept', () => {
    const config = { agents: { defaults: { models: { 'openai/gpt-5.5': { agentRuntime: { id: 'codex' } } } } } }
    const r = resolveConfigMerge({ config, template: openaiTemplate, profiles: [], provider: 'openai', runtime })
    assert.deepEqual(((r.config.agents as any).defaults.models['openai/gpt-5.5']), { agentRuntime: { id: 'codex' }, alias: 'codex' })
  })

  test('--runtime given: it replaces the runtime the config names', () => {
    const config = { agents: { defaults: { models: { 'openai/gpt-5.5': { agentRuntime: { id: 'openclaw' } } } } } }
    const r = resolveConfigMerge({ config, template: openaiTemplate, profiles: [], provider: 'openai', runtime: { ...runtime, id: 'codex', force: true } })
    assert.deepEqual((r.config.agents as any).defaults.models['openai/gpt-5.5'].agentRuntime, { id: 'codex' })
  })

  test('an allowlist in agents.defaults.modelPolicy gets every model used (2026.9 never tries one missing there)', () => {
    const config = { agents: { defaults: { modelPolicy: { allow: ['anthropic/claude-opus-4-6', 'x/other'] } } } }
    const r = resolveConfigMerge({ config, template: openaiTemplate, profiles: [], provider: 'openai', runtime })
    assert.deepEqual((r.config.agents as any).defaults.modelPolicy, { allow: ['anthropic/claude-opus-4-6', 'x/other', 'openai/gpt-5.5'] })
    const none = resolveConfigMerge({ config: {}, template: openaiTemplate, profiles: [], provider: 'openai', runtime })
    assert.equal((none.config.agents as any).defaults.modelPolicy, undefined, 'no allowlist is made where there was none')
  })

  test('no primary anywhere is a usage error', () => {
    assert.throws(() => resolveConfigMerge({ config: {}, template: {}, profiles: [], provider: 'openai-codex' }), /no primary model: pass --primary REF/)
  })
})

describe('mergeFragment', () => {
  test('objects merge key by key; lists and strings replace', () => {
    assert.deepEqual(
      mergeFragment({ a: { x: 1, y: [1, 2] }, b: 's', keep: true }, { a: { y: [3] , z: 2 }, b: { o: 1 } }),
      { a: { x: 1, y: [3], z: 2 }, b: { o: 1 }, keep: true },
    )
  })
})
