// remove-profile on the JSON store, run as the user runs it (tasks/remove-profile.ts in a sandbox),
// and the config edit as a table. The state database is covered in test/conformance.
import assert from 'node:assert/strict'
import { readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { resolveConfigWithoutProfile } from '../lib/remove-profile.ts'
import { CONFIG, STORE, seedState } from './support/config-fixture.ts'
import { createSandbox, findTokenLeak, type Sandbox } from './support/sandbox.ts'

const LEGACY = ['--openclaw-version', '2026.2.22']

describe('resolveConfigWithoutProfile', () => {
  const id = 'openai-codex:bob'
  const cases: Array<[string, Record<string, unknown>, Record<string, unknown>, string[]]> = [
    ['no auth at all', { gateway: { port: 1 } }, { gateway: { port: 1 } }, []],
    ['named nowhere', { auth: { profiles: { 'x:y': {} }, order: { x: ['x:y'] } } }, { auth: { profiles: { 'x:y': {} }, order: { x: ['x:y'] } } }, []],
    ['in profiles and order, others kept in place',
      { auth: { profiles: { [id]: { provider: 'openai-codex', mode: 'oauth' }, 'anthropic:me': { mode: 'token' } }, order: { 'openai-codex': ['openai-codex:a', id, 'openai-codex:c'], anthropic: ['anthropic:me'] } } },
      { auth: { profiles: { 'anthropic:me': { mode: 'token' } }, order: { 'openai-codex': ['openai-codex:a', 'openai-codex:c'], anthropic: ['anthropic:me'] } } },
      ['auth.profiles', 'auth.order.openai-codex']],
    ['an order list left empty is dropped (an empty one disables the provider)',
      { auth: { order: { 'openai-codex': [id] } } }, { auth: { order: {} } }, ['auth.order.openai-codex']],
    ['listed under another provider key too', { auth: { order: { a: [id], b: [id, 'b:1'] } } }, { auth: { order: { b: ['b:1'] } } }, ['auth.order.a', 'auth.order.b']],
  ]
  for (const [name, config, want, removed] of cases) {
    test(name, () => {
      const frozen = structuredClone(config)
      assert.deepEqual(resolveConfigWithoutProfile(config, id), { config: want, removed })
      assert.deepEqual(config, frozen, 'input untouched')
    })
  }
})

describe('remove-profile (JSON store)', () => {
  let sb: Sandbox
  const storePath = () => join(sb.stateDir, 'agents', 'main', 'agent', 'auth-profiles.json')
  const configPath = () => join(sb.stateDir, 'openclaw.json')
  const run = (args: string[]) => sb.run('remove-profile', [...args, ...LEGACY])
  const store = {
    ...STORE,
    order: { 'openai-codex': ['openai-codex:bob', 'openai-codex:alice'], anthropic: ['anthropic:me'] },
    lastGood: { 'openai-codex': 'openai-codex:bob', anthropic: 'anthropic:me' },
    usageStats: { 'openai-codex:bob': { lastUsed: 5, cooldownUntil: 9, cooldownReason: 'rate_limit' }, 'openai-codex:alice': { lastUsed: 4 } },
    futureKey: { kept: true },
  }

  before(async () => {
    sb = await createSandbox()
    await seedState(sb.stateDir)
    await writeFile(storePath(), JSON.stringify(store, null, 2), { mode: 0o600 })
  })
  after(() => sb.cleanup())

  const refusals: Array<[string, string[], number, RegExp]> = [
    ['a bad name: exit 2 before anything is read', ['../x', '--yes'], 2, /^✗ bad profile name "\.\.\/x"/m],
    ['no name: exit 2', ['--yes'], 2, /^✗ missing profile name; e\.g\. npm run remove-profile -- alice$/m],
    ['an unknown name: exit 1 naming what the store holds', ['zed', '--yes'], 1, /^✗ no profile openai-codex:zed in .*auth-profiles\.json \(it holds openai-codex:alice, anthropic:me, openai-codex:bob\); nothing was changed$/m],
    ['a name only the config knows: exit 1 pointing at render-config', ['old', '--yes'], 1, /^✗ no profile openai-codex:old in .*; .*openclaw\.json still names it: `npm run render-config -- --write` drops it from there$/m],
    ['no terminal and no --yes: exit 1 asking for --yes', ['bob'], 1, /^✗ Remove openai-codex:bob \(bob@example\.com\) from .*auth-profiles\.json and .*openclaw\.json: needs confirmation and there is no terminal to ask on; pass --yes$/m],
  ]
  for (const [name, args, code, message] of refusals) {
    test(`${name}; every file byte-identical`, async () => {
      const snap = await sb.snapshot(sb.stateDir)
      const r = await run(args)
      assert.equal(r.code, code, r.stderr)
      assert.match(r.stderr, message)
      assert.equal(r.stderr.split('\n').filter((l) => l.startsWith('✗')).length, 1)
      assert.equal(r.stdout, '')
      assert.deepEqual(await sb.snapshot(sb.stateDir), snap)
    })
  }

  test('--yes removes bob from the store (credential, order, lastGood, usage) and the config, with backups', async () => {
    const storeBefore = await readFile(storePath(), 'utf8')
    const configBefore = await readFile(configPath(), 'utf8')
    const r = await run(['bob', '--yes'])
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /^✓ removed openai-codex:bob \(bob@example\.com, account acct-bob\) from .*auth-profiles\.json; backup .*\.codex-auth-fallback-backups\/auth-profiles\.json\./m)
    assert.match(r.stdout, /openclaw\.json: taken out of auth\.order\.openai-codex; backup .*\.codex-auth-fallback-backups\/openclaw\.json\./)
    assert.match(r.stdout, /nothing was revoked and `codex logout` was not called.*sign out at chatgpt\.com/)
    assert.match(r.stderr, /openclaw\.json was rewritten as plain JSON .*its comments are only in the backup/)

    const saved = JSON.parse(await readFile(storePath(), 'utf8'))
    assert.deepEqual(Object.keys(saved.profiles), ['openai-codex:alice', 'anthropic:me'])
    assert.deepEqual(saved.profiles['openai-codex:alice'], STORE.profiles['openai-codex:alice'])
    assert.deepEqual(saved.order, { 'openai-codex': ['openai-codex:alice'], anthropic: ['anthropic:me'] })
    assert.deepEqual(saved.lastGood, { anthropic: 'anthropic:me' })
    assert.deepEqual(saved.usageStats, { 'openai-codex:alice': { lastUsed: 4 } })
    assert.deepEqual(saved.futureKey, { kept: true })
    assert.equal((await stat(storePath())).mode & 0o777, 0o600)

    const backups = await readdir(join(sb.stateDir, 'agents', 'main', 'agent', '.codex-auth-fallback-backups'))
    assert.equal(await readFile(join(sb.stateDir, 'agents', 'main', 'agent', '.codex-auth-fallback-backups', backups[0]!), 'utf8'), storeBefore)
    const configBackups = await readdir(join(sb.stateDir, '.codex-auth-fallback-backups'))
    assert.equal(await readFile(join(sb.stateDir, '.codex-auth-fallback-backups', configBackups[0]!), 'utf8'), configBefore)
    assert.equal(configBefore, CONFIG)

    const config = JSON.parse(await readFile(configPath(), 'utf8'))
    assert.deepEqual(config.auth.order, { 'openai-codex': ['openai-codex:old'] })
    assert.equal(config.gateway.auth.token, 'gateway-secret-0123456789')
    // It can hold gateway and channel tokens: written 0600, as OpenClaw itself writes it, whatever it was.
    assert.equal((await stat(configPath())).mode & 0o777, 0o600, 'the config is written 0600')
    assert.equal((await stat(join(sb.stateDir, '.codex-auth-fallback-backups', configBackups[0]!))).mode & 0o777, 0o600, 'and so is its backup')
  })

  test('--json: one object saying nothing was revoked; a config that does not name it is not written', async () => {
    const configBefore = await readFile(configPath(), 'utf8')
    const r = await run(['alice', '--yes', '--json'])
    assert.equal(r.code, 0, r.stderr)
    const out = JSON.parse(r.stdout)
    assert.equal(out.profileId, 'openai-codex:alice')
    assert.equal(out.revoked, false)
    assert.deepEqual(out.configRemoved, [])
    assert.equal(out.configBackupPath, undefined)
    assert.match(out.note, /codex logout/)
    assert.deepEqual(out.openclaw, { version: '2026.2.22', source: 'flag', store: 'json' })
    assert.match(r.stderr, /nothing was revoked/)
    assert.equal(await readFile(configPath(), 'utf8'), configBefore)
    assert.deepEqual(Object.keys(JSON.parse(await readFile(storePath(), 'utf8')).profiles), ['anthropic:me'])
  })

  test('no token of the store in any output', () => {
    const tokens = Object.values(STORE.profiles).flatMap((p) => Object.entries(p).filter(([k]) => ['access', 'refresh', 'token'].includes(k)).map(([, v]) => String(v)))
    const leak = findTokenLeak(sb.output.join('\n'), [...tokens, 'gateway-secret-0123456789'])
    assert.equal(leak, undefined, leak)
  })
})
