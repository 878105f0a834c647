import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { describeRequests } from '../sandbox/failover-world.ts'
import type { LogEntry } from '../sandbox/codex-backend.ts'

const at = (label: string, status: number, model?: string, route = 'POST /backend-api/codex/responses'): LogEntry =>
  ({ time: '2026-12-02T00:00:00.000Z', route, label, status, ...(model ? { model } : {}) })

describe('describeRequests', () => {
  // 2026.9.6 through a gateway: the turn's bodies are compressed (model unknown), the utility
  // model's side call is not.
  const log = [
    { time: '', route: 'GET /backend-api/codex/responses (websocket)', status: 426 },
    at('alice@example.com', 429, 'unknown'),
    at('alice@example.com', 429, 'gpt-5.6-luna'),
    at('bob@example.com', 200, 'unknown'),
    at('anthropic', 200, undefined, 'POST /v1/messages'),
  ]
  const cases = [
    ['no turn model: every request, none marked', {}, 'alice@example.com 429, alice@example.com 429, bob@example.com 200, anthropic 200'],
    ['side calls marked', { turnModel: 'openai/gpt-5.5' }, 'alice@example.com 429, alice@example.com 429 [gpt-5.6-luna], bob@example.com 200, anthropic 200'],
    ['side calls left out', { turnModel: 'openai/gpt-5.5', sideCalls: 'omit' }, 'alice@example.com 429, bob@example.com 200, anthropic 200'],
  ] as const
  for (const [name, opts, want] of cases) test(name, () => assert.equal(describeRequests(log, opts), want))

  test('a readable body for the turn\'s own model is the turn (2026.2.22)', () => {
    assert.equal(describeRequests([at('alice@example.com', 429, 'gpt-5.3-codex'), at('bob@example.com', 200, 'gpt-5.3-codex')], { turnModel: 'openai-codex/gpt-5.3-codex', sideCalls: 'omit' }),
      'alice@example.com 429, bob@example.com 200')
  })
})
