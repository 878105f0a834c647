import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { parseVersion, resolveGeneration } from '../lib/openclaw/generation.ts'

describe('resolveGeneration', () => {
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
    test(version, () => assert.deepEqual(resolveGeneration(version), { store, provider, modelProvider, agentRuntime }))
  }
  test('an unreadable version is a usage error naming the flag', () => {
    assert.throws(() => resolveGeneration('latest'), /--openclaw-version/)
  })
  test('parseVersion', () => assert.deepEqual(parseVersion('v2026.10.3'), [2026, 10, 3]))
})
