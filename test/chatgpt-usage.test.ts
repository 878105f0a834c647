import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, test } from 'node:test'
import { classifyWindows, fetchAccountUsage, parseUsage, resolveUsageBaseUrl, USER_AGENT } from '../lib/chatgpt-usage.ts'

const NOW = Date.parse('2026-12-01T12:00:00Z')
const win = (used: number, seconds: number, resetIn = 3600) => ({ used_percent: used, limit_window_seconds: seconds, reset_after_seconds: resetIn, reset_at: NOW / 1000 + resetIn })

describe('classifyWindows: by limit_window_seconds, not by slot', () => {
  const cases = [
    ['5 h + week (Plus/Pro)', { primary_window: win(30, 18_000), secondary_window: win(60, 604_800) }, { fiveHour: 30, week: 60, other: 0 }],
    ['week only, in primary_window (free, some Pro)', { primary_window: win(40, 604_800), secondary_window: null }, { fiveHour: undefined, week: 40, other: 0 }],
    ['the slots swapped', { primary_window: win(70, 604_800), secondary_window: win(10, 18_000) }, { fiveHour: 10, week: 70, other: 0 }],
    ['a window of another length is kept aside', { primary_window: win(5, 86_400 * 30) }, { fiveHour: undefined, week: undefined, other: 1 }],
    ['no windows at all', {}, { fiveHour: undefined, week: undefined, other: 0 }],
  ] as const
  for (const [name, rateLimit, want] of cases) {
    test(name, () => {
      const w = classifyWindows(rateLimit as never, NOW)
      assert.deepEqual({ fiveHour: w.fiveHour?.usedPercent, week: w.week?.usedPercent, other: w.other.length }, want)
    })
  }
  test('reset_at is read as epoch seconds', () => {
    assert.equal(classifyWindows({ primary_window: win(1, 18_000, 600) } as never, NOW).fiveHour?.resetAt, NOW + 600_000)
  })
})

describe('parseUsage', () => {
  test('limit reached: said by the endpoint, or any window at 100 %', () => {
    assert.equal(parseUsage({ plan_type: 'plus', rate_limit: { limit_reached: true, primary_window: win(20, 18_000) } }, NOW)?.limitReached, true)
    assert.equal(parseUsage({ rate_limit: { limit_reached: false, primary_window: win(10, 18_000), secondary_window: win(100, 604_800) } }, NOW)?.limitReached, true)
    const ok = parseUsage({ plan_type: 'pro', rate_limit: { limit_reached: false, primary_window: win(10, 18_000) } }, NOW)
    assert.deepEqual([ok?.plan, ok?.limitReached], ['pro', false])
  })
  test('a reply of another shape is undefined, not zero', () => {
    assert.equal(parseUsage({ rate_limit: { primary_window: { used_percent: 'lots' } } }, NOW), undefined)
  })
})

describe('fetchAccountUsage', () => {
  async function serve(handler: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void) {
    const server = createServer(handler)
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/backend-api`, close: () => new Promise<void>((r) => server.close(() => r())) }
  }
  test('sends the token, the account id and our User-Agent to {base}/wham/usage', async () => {
    const seen: Record<string, unknown> = {}
    const s = await serve((req, res) => {
      Object.assign(seen, { url: req.url, auth: req.headers.authorization, account: req.headers['chatgpt-account-id'], ua: req.headers['user-agent'] })
      res.end(JSON.stringify({ plan_type: 'plus', rate_limit: { primary_window: win(12, 18_000), secondary_window: win(34, 604_800) } }))
    })
    const r = await fetchAccountUsage({ accessToken: 'tok-abc', accountId: 'acct-1', baseUrl: s.base, now: NOW })
    await s.close()
    assert.deepEqual(seen, { url: '/backend-api/wham/usage', auth: 'Bearer tok-abc', account: 'acct-1', ua: USER_AGENT })
    assert.equal(r.status, 'ok')
    assert.deepEqual(r.status === 'ok' ? [r.usage.fiveHour?.usedPercent, r.usage.week?.usedPercent] : [], [12, 34])
  })
  const failures = [
    [401, 'login-rejected'], [403, 'login-rejected'], [500, 'unknown'], [503, 'unknown'], [429, 'unknown'],
  ] as const
  for (const [code, status] of failures) {
    test(`HTTP ${code} is ${status}`, async () => {
      const s = await serve((_, res) => { res.statusCode = code; res.end('{}') })
      const r = await fetchAccountUsage({ accessToken: 't', accountId: 'a', baseUrl: s.base })
      await s.close()
      assert.equal(r.status, status)
    })
  }
  test('nothing listening, or no answer in time, is unknown; an expired token is not sent', async () => {
    assert.equal((await fetchAccountUsage({ accessToken: 't', accountId: 'a', baseUrl: 'http://127.0.0.1:9/backend-api' })).status, 'unknown')
    const s = await serve(() => { /* never answers */ })
    const slow = await fetchAccountUsage({ accessToken: 't', accountId: 'a', baseUrl: s.base, timeoutMs: 200 })
    assert.deepEqual(slow, { status: 'unknown', reason: 'no answer within 200 ms' })
    await s.close().catch(() => {})
    assert.deepEqual(await fetchAccountUsage({ accessToken: 't', accountId: 'a', baseUrl: 'http://never.invalid', expires: NOW - 1, now: NOW }), { status: 'expired' })
  })
  test('the base comes from CHATGPT_BASE_URL, the Codex CLI setting, else chatgpt.com', () => {
    assert.equal(resolveUsageBaseUrl({}), 'https://chatgpt.com/backend-api')
    assert.equal(resolveUsageBaseUrl({ CHATGPT_BASE_URL: 'http://127.0.0.1:5/backend-api/' }), 'http://127.0.0.1:5/backend-api')
  })
})
