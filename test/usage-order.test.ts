import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { UsageReading } from '../lib/chatgpt-usage.ts'
import { hasCodexRoom, resolveStanding, resolveUsageOrder, type Standing } from '../lib/usage-order.ts'

const T = Date.parse('2026-12-01T12:00:00Z')
const H = 3_600_000
const ok = (fiveHour: number | undefined, week: number, { reset5 = T + H, resetWeek = T + 48 * H, reached = false } = {}): UsageReading => ({
  status: 'ok',
  usage: {
    plan: 'plus',
    ...(fiveHour === undefined ? {} : { fiveHour: { usedPercent: fiveHour, windowSeconds: 18_000, resetAt: reset5 } }),
    week: { usedPercent: week, windowSeconds: 604_800, resetAt: resetWeek },
    other: [],
    limitReached: reached || (fiveHour ?? 0) >= 100 || week >= 100,
  },
})

describe('resolveStanding', () => {
  const cases: Array<[string, UsageReading | undefined, Standing['kind'], Partial<Standing>?]> = [
    ['5 h and week with room', ok(30, 40), 'room'],
    ['week only, with room', ok(undefined, 50), 'room'],
    ['at the threshold in the 5 h window', ok(90, 10), 'near', { usedPercent: 90, resetAt: T + H }],
    ['above it in the week only', ok(undefined, 95), 'near', { usedPercent: 95 }],
    ['5 h full', ok(100, 20), 'exhausted', { resetAt: T + H }],
    ['the week full while the 5 h window has room: blocked till the week resets', ok(10, 100), 'exhausted', { resetAt: T + 48 * H }],
    ['limit reached says so though no window is full', ok(50, 50, { reached: true }), 'exhausted'],
    ['401/403', { status: 'login-rejected', httpStatus: 401 }, 'rejected'],
    ['a network error is unknown, not exhausted', { status: 'unknown', reason: 'network error' }, 'unknown'],
    ['an expired token is unknown (OpenClaw refreshes it itself)', { status: 'expired' }, 'unknown'],
    ['never read', undefined, 'unknown'],
  ]
  for (const [name, reading, kind, extra] of cases) {
    test(name, () => {
      const s = resolveStanding(reading)
      assert.equal(s.kind, kind)
      if (extra) for (const [k, v] of Object.entries(extra)) assert.equal((s as Record<string, unknown>)[k], v, k)
    })
  }
  test('hysteresis: one that was near its limit has room again only 5 points below the threshold', () => {
    assert.equal(resolveStanding(ok(88, 10), { wasNear: true }).kind, 'near')
    assert.equal(resolveStanding(ok(88, 10), { wasNear: false }).kind, 'room')
    assert.equal(resolveStanding(ok(84, 10), { wasNear: true }).kind, 'room')
  })
})

describe('resolveUsageOrder', () => {
  const st = (r: Record<string, UsageReading | undefined>) => Object.fromEntries(Object.entries(r).map(([id, x]) => [id, resolveStanding(x)]))
  const cases: Array<[string, string[], Record<string, UsageReading | undefined>, string[], string[]?]> = [
    ['all with room: the user order as it is', ['a', 'b', 'c'], { a: ok(10, 10), b: ok(80, 50), c: ok(0, 0) }, ['a', 'b', 'c']],
    ['alice exhausted, bob at 95 %, carol at 10 %: carol, bob, alice', ['alice', 'bob', 'carol'], { alice: ok(100, 40), bob: ok(95, 30), carol: ok(10, 5) }, ['carol', 'bob', 'alice']],
    ['near their limit: most room first', ['a', 'b', 'c'], { a: ok(99, 1), b: ok(91, 1), c: ok(5, 1) }, ['c', 'b', 'a']],
    ['exhausted: soonest reset first', ['a', 'b'], { a: ok(100, 1, { reset5: T + 3 * H }), b: ok(100, 1, { reset5: T + H }) }, ['b', 'a']],
    ['a rejected login after every exhausted one', ['a', 'b', 'c'], { a: { status: 'login-rejected', httpStatus: 403 }, b: ok(100, 1), c: ok(1, 1) }, ['c', 'b', 'a']],
    ['unknown keeps its place with the ones that have room', ['a', 'b', 'c'], { a: ok(95, 1), b: { status: 'unknown', reason: 'x' }, c: ok(1, 1) }, ['b', 'c', 'a']],
    ['a profile the user order lacks comes after it, still tried', ['a'], { a: ok(1, 1), z: ok(1, 1) }, ['a', 'z']],
  ]
  for (const [name, userOrder, readings, want] of cases) {
    test(name, () => assert.deepEqual(resolveUsageOrder({ userOrder, standings: st(readings) }), want))
  }

  test('hysteresis: nearly equal numbers keep last time\'s order; a clear difference changes it', () => {
    const previous = ['c', 'a', 'b']
    const near = (a: number, b: number) => st({ a: ok(a, 1), b: ok(b, 1), c: ok(1, 1) })
    assert.deepEqual(resolveUsageOrder({ userOrder: ['a', 'b', 'c'], standings: near(95, 96), previous }), ['c', 'a', 'b'])
    assert.deepEqual(resolveUsageOrder({ userOrder: ['a', 'b', 'c'], standings: near(97, 94), previous }), ['c', 'a', 'b'], '3 points: no swap')
    assert.deepEqual(resolveUsageOrder({ userOrder: ['a', 'b', 'c'], standings: near(99, 92), previous }), ['c', 'b', 'a'], '7 points: swap')
  })
})

describe('hasCodexRoom', () => {
  test('some account with room, or unknown usage: yes; all near or out: no', () => {
    const st = (...r: UsageReading[]) => Object.fromEntries(r.map((x, i) => [String(i), resolveStanding(x)]))
    assert.equal(hasCodexRoom(st(ok(100, 1), ok(10, 1))), true)
    assert.equal(hasCodexRoom(st(ok(100, 1), { status: 'unknown', reason: 'x' })), true)
    assert.equal(hasCodexRoom(st(ok(100, 1), ok(95, 1))), false)
    assert.equal(hasCodexRoom({}), true, 'nothing read: the usage says nothing against it')
  })
})
