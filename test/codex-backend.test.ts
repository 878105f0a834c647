// The loopback Codex/Anthropic stand-in (sandbox/codex-backend.ts) over real HTTP on 127.0.0.1.
// Its clock is a variable, so "until the window resets" is a jump, not a wait.
import assert from 'node:assert/strict'
import { request } from 'node:http'
import { gzipSync } from 'node:zlib'
import { after, before, beforeEach, describe, test } from 'node:test'
import { startCodexBackend, type CodexBackend } from '../sandbox/codex-backend.ts'
import { FIVE_HOURS_S, WEEK_S } from '../sandbox/quota.ts'
import { AUTH, makeJwt } from './support/jwt.ts'

const T0 = Date.parse('2026-12-01T10:00:00Z')
let clock = T0
const tokens: Record<string, string> = {}
const tokenFor = async (accountId: string) => (tokens[accountId] ??= await makeJwt({ exp: Math.floor(T0 / 1000) + 10 * 365 * 86400, [AUTH]: { chatgpt_account_id: accountId } }))

function parseSse(text: string) {
  return text.split('\n\n').filter(Boolean).map((block) => {
    const event = /^event: (.+)$/m.exec(block)?.[1]
    const data = JSON.parse(/^data: (.+)$/m.exec(block)?.[1] ?? 'null')
    return { event, data }
  })
}

describe('startCodexBackend', () => {
  let backend: CodexBackend
  const ask = async (accountId: string, { body = JSON.stringify({ model: 'gpt-5.5', input: [] }) as string | Blob, headers = {} as Record<string, string> } = {}) =>
    fetch(`${backend.baseUrl}/codex/responses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await tokenFor(accountId)}`, 'chatgpt-account-id': accountId, 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
      body,
    })
  const usage = async (authorization: string) => fetch(`${backend.baseUrl}/wham/usage`, { headers: { authorization } })

  before(async () => {
    backend = await startCodexBackend({
      now: () => clock,
      accounts: [
        { accountId: 'acct-alice', label: 'alice@example.com', plan: 'plus' },
        { accountId: 'acct-bob', label: 'bob@example.com', plan: 'pro', out: true },
        { accountId: 'acct-free', label: 'free@example.com', plan: 'free', layout: 'week-only' },
      ],
    })
  })
  after(() => backend.close())
  beforeEach(() => {
    clock = T0
  })

  test('answers a turn with the whole Responses SSE sequence, naming the account', async () => {
    const res = await ask('acct-alice')
    assert.equal(res.status, 200)
    assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/)
    const events = parseSse(await res.text())
    assert.deepEqual(events.map((e) => e.event), [
      'response.created', 'response.in_progress', 'response.output_item.added', 'response.content_part.added',
      'response.output_text.delta', 'response.output_text.done', 'response.content_part.done', 'response.output_item.done', 'response.completed',
    ])
    for (const e of events) assert.equal(e.data.type, e.event)
    const done = events.at(-1)!.data.response
    assert.equal(done.status, 'completed')
    assert.equal(done.model, 'gpt-5.5')
    assert.equal(done.output[0].content[0].text, 'ok from alice@example.com')
    assert.ok(done.usage.total_tokens > 0)
    assert.equal(res.headers.get('x-codex-primary-window-minutes'), '300')
    assert.equal(res.headers.get('x-codex-secondary-window-minutes'), '10080')
    assert.equal(backend.log.at(-1)?.status, 200)
    assert.equal(backend.log.at(-1)?.account, 'acct-alice')
    backend.accounts.restore('acct-alice')
  })

  test('an account that is out gets 429 usage_limit_reached with retry-after', async () => {
    backend.accounts.markOut('acct-bob', { resetsInSeconds: 1800 })
    const res = await ask('acct-bob')
    assert.equal(res.status, 429)
    assert.equal(res.headers.get('retry-after'), '1800')
    assert.deepEqual(await res.json(), {
      error: { type: 'usage_limit_reached', message: 'The usage limit has been reached', plan_type: 'pro', resets_at: Math.floor(T0 / 1000) + 1800, resets_in_seconds: 1800 },
    })
    assert.deepEqual({ ...backend.log.at(-1), time: undefined }, { time: undefined, route: 'POST /backend-api/codex/responses', account: 'acct-bob', label: 'bob@example.com', status: 429, model: 'gpt-5.5', note: 'usage_limit_reached' })
  })

  test('each turn uses its share; at 100 % it is 429 until the window resets', async () => {
    backend.accounts.add({ accountId: 'acct-meter', plan: 'plus', cost: { fiveHour: 40, week: 5 } })
    for (const used of [40, 80, 100]) {
      assert.equal((await ask('acct-meter')).status, 200)
      assert.equal(backend.accounts.get('acct-meter').windows[0]!.usedPercent, used)
    }
    const reset = backend.accounts.get('acct-meter').windows[0]!.resetAt
    clock = reset - 1000
    const late = await ask('acct-meter')
    assert.equal(late.status, 429)
    assert.equal(late.headers.get('retry-after'), '1')
    clock = reset
    assert.equal((await ask('acct-meter')).status, 200, 'the 5-hour window started over')
    assert.deepEqual(backend.accounts.get('acct-meter').windows.map((w) => w.usedPercent), [40, 20])
  })

  test('a used-up week blocks the account while the 5-hour window has room', async () => {
    backend.accounts.add({ accountId: 'acct-weekly', plan: 'plus' })
    backend.accounts.setUsed('acct-weekly', 'week', 100, { resetsInSeconds: 3 * 86400 })
    const res = await ask('acct-weekly')
    assert.equal(res.status, 429)
    const { error } = await res.json()
    assert.equal(error.resets_in_seconds, 3 * 86400)
  })

  test('usage for a 5 h + week account, while it has room and once it is out', async () => {
    const room = await (await usage(`Bearer ${await tokenFor('acct-alice')}`)).json()
    assert.equal(room.plan_type, 'plus')
    assert.equal(room.account_id, 'acct-alice')
    assert.deepEqual(room.rate_limit, {
      allowed: true, limit_reached: false,
      primary_window: { used_percent: 0, limit_window_seconds: FIVE_HOURS_S, reset_after_seconds: FIVE_HOURS_S, reset_at: Math.floor(T0 / 1000) + FIVE_HOURS_S },
      secondary_window: { used_percent: 0, limit_window_seconds: WEEK_S, reset_after_seconds: WEEK_S, reset_at: Math.floor(T0 / 1000) + WEEK_S },
    })
    assert.deepEqual(room.credits, { has_credits: false, unlimited: false, balance: '0' })
    assert.equal(room.rate_limit_reached_type, null)

    backend.accounts.setUsed('acct-alice', 'five-hour', 100, { resetsInSeconds: 600 })
    clock = T0 + 100_000
    const out = await (await usage(`Bearer ${await tokenFor('acct-alice')}`)).json()
    assert.equal(out.rate_limit.allowed, false)
    assert.equal(out.rate_limit.limit_reached, true)
    assert.deepEqual(out.rate_limit.primary_window, { used_percent: 100, limit_window_seconds: FIVE_HOURS_S, reset_after_seconds: 500, reset_at: Math.floor(T0 / 1000) + 600 })
    assert.deepEqual(out.rate_limit_reached_type, { type: 'rate_limit_reached' })
    backend.accounts.restore('acct-alice')
  })

  test('usage for a week-only account: the week in primary_window, secondary null', async () => {
    backend.accounts.setUsed('acct-free', 'week', 37)
    const body = await (await usage(`Bearer ${await tokenFor('acct-free')}`)).json()
    assert.equal(body.plan_type, 'free')
    assert.equal(body.rate_limit.primary_window.limit_window_seconds, WEEK_S)
    assert.equal(body.rate_limit.primary_window.used_percent, 37)
    assert.equal(body.rate_limit.secondary_window, null)
    assert.throws(() => backend.accounts.setUsed('acct-free', 'five-hour', 10), /no five-hour window/)

    backend.accounts.setLayout('acct-free', 'five-hour+week')
    backend.accounts.setPlan('acct-free', 'plus')
    const moved = await (await usage(`Bearer ${await tokenFor('acct-free')}`)).json()
    assert.equal(moved.plan_type, 'plus')
    assert.deepEqual([moved.rate_limit.primary_window.limit_window_seconds, moved.rate_limit.secondary_window.limit_window_seconds], [FIVE_HOURS_S, WEEK_S])
    assert.equal(moved.rate_limit.secondary_window.used_percent, 37, 'the week kept its use')
  })

  const refusals: Array<[string, () => Promise<string>, string]> = [
    ['no token', async () => '', 'no bearer token'],
    ['garbled token', async () => 'Bearer not-a-jwt', 'token is not a JWT'],
    ['a JWT without the account claim', async () => `Bearer ${await makeJwt({ sub: 'x' })}`, 'token has no chatgpt_account_id claim'],
    ['an account the stand-in does not know', async () => `Bearer ${await tokenFor('acct-nobody')}`, 'unknown account'],
  ]
  for (const [name, authorization, note] of refusals) {
    test(`usage answers 401 for ${name}`, async () => {
      const res = await usage(await authorization())
      assert.equal(res.status, 401)
      assert.equal(backend.log.at(-1)?.note, note)
    })
  }

  test('a chatgpt-account-id header that disagrees with the token is refused', async () => {
    const res = await ask('acct-alice', { headers: { 'chatgpt-account-id': 'acct-bob' } })
    assert.equal(res.status, 401)
  })

  test('the model comes from a plain or gzip body; an unreadable (zstd) one is logged as unknown and still answered', async () => {
    const json = JSON.stringify({ model: 'gpt-5.3-codex' })
    await (await ask('acct-alice', { body: json })).text()
    assert.equal(backend.log.at(-1)?.model, 'gpt-5.3-codex')
    const gz = new Blob([gzipSync(json)])
    await (await ask('acct-alice', { body: gz, headers: { 'content-encoding': 'gzip' } })).text()
    assert.equal(backend.log.at(-1)?.model, 'gpt-5.3-codex')
    const res = await ask('acct-alice', { body: '\x28\xb5\x2f\xfd not really zstd', headers: { 'content-encoding': 'zstd' } })
    assert.equal(res.status, 200)
    await res.text()
    assert.equal(backend.log.at(-1)?.model, 'unknown')
    backend.accounts.restore('acct-alice')
  })

  test('a WebSocket upgrade on the Responses path is refused with 426', async () => {
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = request(`${backend.baseUrl}/codex/responses`, { headers: { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==' } })
      req.on('response', (res) => { res.resume(); resolve(res.statusCode) })
      req.on('upgrade', () => reject(new Error('upgraded')))
      req.on('error', reject)
      req.end()
    })
    assert.equal(status, 426)
    assert.equal(backend.log.at(-1)?.route, 'GET /backend-api/codex/responses (websocket)')
  })

  test('the Anthropic stand-in streams a Messages reply', async () => {
    const res = await fetch(`${backend.origin}/v1/messages`, { method: 'POST', headers: { 'x-api-key': 'sk-ant-test', 'anthropic-version': '2023-06-01' }, body: JSON.stringify({ model: 'claude-opus-4-6', stream: true }) })
    assert.equal(res.status, 200)
    const events = parseSse(await res.text())
    assert.deepEqual(events.map((e) => e.event), ['message_start', 'content_block_start', 'ping', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop'])
    assert.equal(events[3]!.data.delta.text, 'ok from anthropic')
    assert.equal(events[0]!.data.message.model, 'claude-opus-4-6')
    backend.anthropic.setOut(true)
    const limited = await fetch(`${backend.origin}/v1/messages`, { method: 'POST', headers: { 'x-api-key': 'sk-ant-test' }, body: '{}' })
    assert.equal(limited.status, 429)
    backend.anthropic.setOut(false)
  })

  test('anything else is 404, logged with whose token it carried', async () => {
    const res = await fetch(`${backend.baseUrl}/codex/embeddings`, { method: 'POST', headers: { authorization: `Bearer ${await tokenFor('acct-alice')}` }, body: '{}' })
    assert.equal(res.status, 404)
    assert.deepEqual([backend.log.at(-1)?.route, backend.log.at(-1)?.account, backend.log.at(-1)?.status], ['POST /backend-api/codex/embeddings', 'acct-alice', 404])
  })

  test('the log holds no token, nor any piece of one', () => {
    const text = JSON.stringify(backend.log)
    assert.ok(backend.log.length > 10)
    for (const token of Object.values(tokens)) {
      for (const piece of token.split('.')) assert.ok(!text.includes(piece.slice(0, 16)), 'a token piece is in the log')
    }
    assert.ok(!text.includes('sk-ant-test'))
    for (const entry of backend.log) assert.deepEqual(Object.keys(entry).filter((k) => !['time', 'route', 'account', 'label', 'status', 'model', 'note'].includes(k)), [])
  })
})

describe('startCodexBackend with a scripted model', () => {
  let backend: CodexBackend
  const seen: Array<string[] | undefined> = []
  before(async () => {
    backend = await startCodexBackend({
      now: () => T0,
      accounts: [{ accountId: 'acct-alice', label: 'alice@example.com' }],
      model: ({ toolOutputs }) => {
        seen.push(toolOutputs)
        return toolOutputs?.length ? { text: `the tool said ${toolOutputs.length} thing(s)` } : { call: { name: 'exec', args: { command: 'echo hi' } } }
      },
    })
  })
  after(() => backend.close())
  const ask = async (body: unknown, headers: Record<string, string> = {}) => fetch(`${backend.baseUrl}/codex/responses`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await tokenFor('acct-alice')}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })

  test('asks for a tool call: the whole function_call stream, arguments as a JSON string', async () => {
    const res = await ask({ model: 'gpt-5.5', input: [{ role: 'user', content: [{ type: 'input_text', text: 'hi' }] }] })
    const events = parseSse(await res.text())
    assert.deepEqual(events.map((e) => e.event), [
      'response.created', 'response.in_progress', 'response.output_item.added', 'response.function_call_arguments.delta',
      'response.function_call_arguments.done', 'response.output_item.done', 'response.completed',
    ])
    const item = events.at(-1)!.data.response.output[0]
    assert.deepEqual([item.type, item.name, JSON.parse(item.arguments)], ['function_call', 'exec', { command: 'echo hi' }])
    assert.equal(events[2]!.data.item.call_id, item.call_id)
    assert.deepEqual(seen.at(-1), [])
    assert.equal(backend.log.at(-1)?.call, 'exec')
  })

  test('reads the tool output the next request hands back (plain string or content parts) and logs the last one', async () => {
    const input = [{ type: 'function_call', call_id: 'c1', name: 'exec', arguments: '{}' }, { type: 'function_call_output', call_id: 'c1', output: 'first' },
      { type: 'function_call_output', call_id: 'c2', output: [{ type: 'input_text', text: 'sec' }, { type: 'input_text', text: 'ond' }] }]
    const events = parseSse(await (await ask({ model: 'gpt-5.5', input })).text())
    assert.equal(events.at(-1)!.data.response.output[0].content[0].text, 'the tool said 2 thing(s)')
    assert.deepEqual(seen.at(-1), ['first', 'second'])
    assert.equal(backend.log.at(-1)?.toolOutput, 'second')
  })

  test('a body it cannot read (zstd, no node that has it) gives the model undefined, not a guess', async () => {
    await (await ask({ model: 'gpt-5.5', input: [] }, { 'content-encoding': 'zstd' })).text()
    assert.equal(seen.at(-1), undefined)
  })
})
