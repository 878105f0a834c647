// status and check-and-switch over the usage the loopback backend reports, on the JSON store with a
// stand-in openclaw for `models status` (the real releases: test/conformance/quota.test.ts). alice is
// exhausted, bob at 95 %, carol at 10 %: status shows it, check-and-switch puts carol, bob, alice in
// the store's order in one line, stays silent when nothing changed, keeps the user's own order among
// accounts with room, and moves off Codex when every account is near its limit.
import assert from 'node:assert/strict'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { resolveLoopbackAccount, writeCodexLogin } from '../sandbox/codex-logins.ts'
import { startCodexBackend, type CodexBackend } from '../sandbox/codex-backend.ts'
import { recordTokens } from './support/record.ts'
import { createSandbox, findTokenLeak, ROOT, type Sandbox } from './support/sandbox.ts'

const LEGACY = ['--openclaw-version', '2026.2.22']
const CODEX = 'openai-codex/gpt-5.3-codex'
const OPUS = 'anthropic/claude-opus-4-6'
const P = (n: string) => `openai-codex:${n}`

/** What `openclaw models status --json` says with no cooldowns: Codex first, Anthropic by env key. */
function statusFixture(names: string[]) {
  return JSON.stringify({
    defaultModel: CODEX, fallbacks: [OPUS],
    auth: {
      providers: [{ provider: 'openai-codex', effective: { kind: 'profiles' }, profiles: { count: names.length } }, { provider: 'anthropic', effective: { kind: 'env' } }],
      unusableProfiles: [],
      oauth: { profiles: names.map((n) => ({ profileId: P(n), provider: 'openai-codex', status: 'ok' })) },
    },
  })
}

describe('usage in status and check-and-switch (JSON store)', () => {
  let sb: Sandbox
  let backend: CodexBackend
  let storePath: string
  const tokens: string[] = []
  const names = ['alice', 'bob', 'carol']
  const run = (task: string, args: string[] = []) => sb.run(task, args)
  const storeOrder = async () => JSON.parse(await readFile(storePath, 'utf8')).order['openai-codex']
  const state = async () => JSON.parse(await readFile(join(sb.stateDir, 'workspace', 'memory', 'model-switch-state.json'), 'utf8'))

  before(async () => {
    backend = await startCodexBackend({ accounts: names.map((n) => ({ accountId: `acct-${n}`, label: `${n}@example.com`, plan: n === 'carol' ? 'pro' : 'plus' })) })
    sb = await createSandbox()
    storePath = join(sb.stateDir, 'agents', 'main', 'agent', 'auth-profiles.json')
    Object.assign(sb.env, {
      CHATGPT_BASE_URL: backend.baseUrl,
      OPENCLAW_BIN: join(ROOT, 'test/support/fake-openclaw.mjs'), FAKE_STATUS: join(sb.root, 'status.json'), FAKE_LOG: join(sb.root, 'calls.log'),
    })
    await writeFile(join(sb.root, 'status.json'), statusFixture(names))
    for (const n of names) {
      const from = await writeCodexLogin(sb.tmp, resolveLoopbackAccount(n), { onTokens: (...t) => { tokens.push(...t); recordTokens(...t) } })
      const r = await run('add-profile', [n, '--from', from, '--yes', ...LEGACY])
      assert.equal(r.code, 0, r.stderr)
    }
    backend.accounts.markOut('acct-alice', { resetsInSeconds: 3 * 3600 })
    backend.accounts.setUsed('acct-bob', 'five-hour', 95)
    backend.accounts.setUsed('acct-carol', 'five-hour', 10)
  })
  after(async () => {
    await backend?.close()
    await sb?.cleanup()
  })

  test('status: each account\'s 5 h and weekly use, its reset and its plan; --json has the numbers', async () => {
    const r = await run('status', ['--json', ...LEGACY])
    assert.equal(r.code, 0, r.stderr)
    const rows = Object.fromEntries(JSON.parse(r.stdout).profiles.map((p: any) => [p.profileId, p]))
    assert.deepEqual([rows[P('alice')].usage.standing, rows[P('bob')].usage.standing, rows[P('carol')].usage.standing], ['exhausted', 'near', 'room'])
    assert.equal(rows[P('bob')].usage.fiveHour.usedPercent, 95)
    assert.equal(rows[P('carol')].plan, 'pro')
    assert.ok(rows[P('alice')].usage.fiveHour.resetAt > Date.now() + 2 * 3600_000)
    const table = await run('status', LEGACY)
    assert.match(table.stdout, /^ORDER +PROFILE +EMAIL +PLAN +5 H +WEEK /m)
    assert.match(table.stdout, new RegExp(`${P('alice')} .* 100% until in 3 h`))
    assert.match(table.stdout, new RegExp(`${P('bob')} .*  95% resets in`))
    const offline = await run('status', ['--json', '--no-usage', ...LEGACY])
    assert.equal(JSON.parse(offline.stdout).profiles[0].usage, undefined, '--no-usage asks nobody')
  })

  test('check-and-switch: carol, bob, alice, in one line, in the store\'s order; the state records the usage', async () => {
    assert.deepEqual(await storeOrder(), [P('alice'), P('bob'), P('carol')])
    const r = await run('check-and-switch')
    assert.equal(r.code, 0, r.stderr)
    const lines = r.stdout.trim().split('\n')
    assert.deepEqual(lines.filter((l) => l.startsWith('codex accounts')), [
      `codex accounts reordered: ${P('carol')}, ${P('bob')}, ${P('alice')} (was ${P('alice')}, ${P('bob')}, ${P('carol')}); ${P('bob')} at 95 %; ${P('alice')} exhausted, frees up ${lines.at(-1)!.match(/frees up (\S+ \(in 3 h\))/)?.[1]}`,
    ])
    assert.deepEqual(await storeOrder(), [P('carol'), P('bob'), P('alice')])
    const s = await state()
    assert.deepEqual(s.userOrder, [P('alice'), P('bob'), P('carol')], 'the user\'s own order is remembered')
    assert.deepEqual([s.usage[P('alice')].standing, s.usage[P('bob')].fiveHour.usedPercent], ['exhausted', 95])
  })

  test('nothing changed: silent; bob at 96 % next time does not flip anything', async () => {
    backend.accounts.setUsed('acct-bob', 'five-hour', 96)
    const r = await run('check-and-switch')
    assert.equal(r.code, 0, r.stderr)
    assert.equal(r.stdout, '')
  })

  test('a reset frees alice: she goes back to her place in the user\'s order', async () => {
    backend.accounts.restore('acct-alice')
    const r = await run('check-and-switch')
    assert.match(r.stdout, new RegExp(`^codex accounts reordered: ${P('alice')}, ${P('carol')}, ${P('bob')} \\(was ${P('carol')}, ${P('bob')}, ${P('alice')}\\); ${P('bob')} at 96 %$`, 'm'))
    assert.deepEqual(await storeOrder(), [P('alice'), P('carol'), P('bob')])
  })

  test('every account near or at its limit: the session moves off Codex before a turn hits the wall, and back after a reset', async () => {
    backend.accounts.setUsed('acct-alice', 'five-hour', 92)
    backend.accounts.setUsed('acct-carol', 'five-hour', 100)
    const off = await run('check-and-switch')
    assert.equal(off.code, 0, off.stderr)
    assert.match(off.stdout, new RegExp(`^model switched: .* → ${OPUS} \\(session agent:main:main\\); ${CODEX}: every openai-codex account is at or above 90 % of a window`, 'm'))
    backend.accounts.restore('acct-carol')
    const back = await run('check-and-switch')
    assert.match(back.stdout, new RegExp(`^model switched: ${OPUS} → ${CODEX} `, 'm'))
  })

  test('--no-reorder reports what the usage asks for and leaves the order alone; --dry-run writes nothing', async () => {
    backend.accounts.markOut('acct-alice')
    const before = await readFile(storePath)
    const r = await run('check-and-switch', ['--no-reorder'])
    assert.match(r.stdout, /^codex accounts would reorder \(--no-reorder\): /m)
    assert.deepEqual(await readFile(storePath), before)
    const stateBefore = await readFile(join(sb.stateDir, 'workspace', 'memory', 'model-switch-state.json'))
    const dry = await run('check-and-switch', ['--dry-run'])
    assert.match(dry.stdout, /^codex accounts would reorder: /m)
    assert.deepEqual(await readFile(storePath), before)
    assert.deepEqual(await readFile(join(sb.stateDir, 'workspace', 'memory', 'model-switch-state.json')), stateBefore)
  })

  test('a user who orders the accounts themselves is followed from then on', async () => {
    backend.accounts.restore('acct-alice')
    const r0 = await run('check-and-switch')
    assert.equal(r0.code, 0, r0.stderr)
    const raw = JSON.parse(await readFile(storePath, 'utf8'))
    raw.order['openai-codex'] = [P('bob'), P('carol'), P('alice')]
    await writeFile(storePath, JSON.stringify(raw, null, 2))
    backend.accounts.setUsed('acct-bob', 'five-hour', 10)
    const r = await run('check-and-switch')
    assert.equal(r.stdout, '', 'all with room: the user\'s new order stands')
    assert.deepEqual((await state()).userOrder, [P('bob'), P('carol'), P('alice')])
  })

  test('the usage endpoint down: nothing is known, nothing moves, the check stays silent', async () => {
    const before = await readFile(storePath)
    const r = await sb.run('check-and-switch', [], { env: { CHATGPT_BASE_URL: 'http://127.0.0.1:9/backend-api' } })
    assert.equal(r.code, 0, r.stderr)
    assert.equal(r.stdout, '')
    assert.deepEqual(await readFile(storePath), before)
  })

  test('the backend was asked with each account\'s token, and no token reached any output', async () => {
    const usageCalls = backend.log.filter((e) => e.route.endsWith('/wham/usage'))
    assert.deepEqual([...new Set(usageCalls.map((e) => e.account))].sort(), ['acct-alice', 'acct-bob', 'acct-carol'])
    assert.equal(findTokenLeak(sb.output.join('\n'), tokens), undefined)
  })
})
