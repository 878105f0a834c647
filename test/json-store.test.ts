import assert from 'node:assert/strict'
import { readFile, readdir, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { applyCodexProfile, applyProfileRemoval, openJsonStore, parseJsonStore, type JsonStoreData } from '../lib/openclaw/stores/json.ts'
import type { CodexCredential } from '../lib/openclaw/store.ts'
import { makeTempDir } from './support/temp-dir.ts'

const cred = (accountId: string, email = `${accountId}@example.com`): CodexCredential => ({ access: `acc-${accountId}`, refresh: `ref-${accountId}`, expires: 2_000_000_000_000, accountId, email })

describe('applyCodexProfile', () => {
  const cases: Array<[string, JsonStoreData, string, string[]]> = [
    ['empty store', { version: 1, profiles: {} }, 'openai-codex:a', ['openai-codex:a']],
    ['appends to the user order', { version: 1, profiles: { 'openai-codex:z': { type: 'oauth', provider: 'openai-codex' } }, order: { 'openai-codex': ['openai-codex:z'] } }, 'openai-codex:a', ['openai-codex:z', 'openai-codex:a']],
    ['keeps the place of an id already ordered', { version: 1, profiles: { 'openai-codex:a': { type: 'oauth', provider: 'openai-codex' }, 'openai-codex:z': { type: 'oauth', provider: 'openai-codex' } }, order: { 'openai-codex': ['openai-codex:a', 'openai-codex:z'] } }, 'openai-codex:a', ['openai-codex:a', 'openai-codex:z']],
    ['no order yet: existing profiles of the provider come first', { version: 1, profiles: { 'openai-codex:z': { type: 'oauth', provider: 'openai-codex' }, 'anthropic:me': { type: 'token', provider: 'anthropic' } } }, 'openai-codex:a', ['openai-codex:z', 'openai-codex:a']],
  ]
  for (const [name, before, id, wantOrder] of cases) {
    test(name, () => {
      const after = applyCodexProfile(before, { profileId: id, provider: 'openai-codex', credential: cred('a') })
      assert.deepEqual(after.order?.['openai-codex'], wantOrder)
      assert.deepEqual(after.profiles[id], { ...before.profiles[id], type: 'oauth', provider: 'openai-codex', access: 'acc-a', refresh: 'ref-a', expires: 2_000_000_000_000, accountId: 'a', email: 'a@example.com' })
    })
  }

  test('every other key is kept exactly', () => {
    const before = {
      version: 1,
      profiles: { 'anthropic:me': { type: 'token', provider: 'anthropic', token: 't' } },
      order: { anthropic: ['anthropic:me'] },
      lastGood: { anthropic: 'anthropic:me' },
      usageStats: { 'anthropic:me': { lastUsed: 5, cooldownUntil: 9 } },
      futureKey: { x: [1, 2] },
    }
    const after = applyCodexProfile(structuredClone(before), { profileId: 'openai-codex:a', provider: 'openai-codex', credential: cred('a') })
    const { profiles, order, ...rest } = after
    const { profiles: p0, order: o0, ...rest0 } = before
    assert.deepEqual(rest, rest0)
    assert.deepEqual(profiles['anthropic:me'], p0['anthropic:me'])
    assert.deepEqual(order?.anthropic, o0.anthropic)
  })
})

describe('parseJsonStore', () => {
  const bad: Array<[string, string, RegExp]> = [
    ['empty', '', /is empty/],
    ['truncated', '{"version":1,"prof', /is not valid JSON/],
    ['an array', '[]', /is not an OpenClaw auth store/],
    ['profiles not an object', '{"version":1,"profiles":[1]}', /is not an OpenClaw auth store/],
    ['unknown profile type', '{"version":1,"profiles":{"x:y":{"type":"magic","provider":"x"}}}', /profile x:y has unknown type "magic"/],
  ]
  for (const [name, text, want] of bad) test(name, () => assert.throws(() => parseJsonStore(text, '/s/auth-profiles.json'), want))
})

describe('openJsonStore().upsertCodexProfile', () => {
  async function fixture(content?: string) {
    const dir = makeTempDir('caf-store-')
    const agentDir = join(dir, 'agents', 'main', 'agent')
    if (content !== undefined) {
      await import('node:fs/promises').then((fs) => fs.mkdir(agentDir, { recursive: true }))
      await writeFile(join(agentDir, 'auth-profiles.json'), content)
    }
    return { agentDir, store: openJsonStore({ agentDir, provider: 'openai-codex' }) }
  }

  test('creates the file 0600 in a 0700 dir, no backup for a new file', async () => {
    const { agentDir, store } = await fixture()
    const r = await store.upsertCodexProfile({ profileId: 'openai-codex:a', credential: cred('a'), replace: false })
    assert.equal(r.backupPath, undefined)
    assert.equal((await stat(join(agentDir, 'auth-profiles.json'))).mode & 0o777, 0o600)
    assert.equal((await stat(agentDir)).mode & 0o777, 0o700)
    assert.deepEqual(await readdir(agentDir), ['auth-profiles.json'])
  })

  test('backs up the old content 0600 before changing it, keeps the newest 10', async () => {
    const { agentDir, store } = await fixture('{"version":1,"profiles":{}}\n')
    for (let i = 0; i < 12; i++) {
      // A new login each time: the same tokens again would be no change, and so no write.
      await store.upsertCodexProfile({ profileId: 'openai-codex:a', credential: { ...cred('a'), refresh: `ref-a-${i}` }, replace: true })
    }
    const backups = await readdir(join(agentDir, '.codex-auth-fallback-backups'))
    assert.equal(backups.length, 10)
    const oldest = join(agentDir, '.codex-auth-fallback-backups', backups.sort()[0]!)
    assert.equal((await stat(oldest)).mode & 0o777, 0o600)
  })

  test('refuses an existing name without --replace, naming its email; file unchanged', async () => {
    const { agentDir, store } = await fixture()
    await store.upsertCodexProfile({ profileId: 'openai-codex:a', credential: cred('a'), replace: false })
    const before = await readFile(join(agentDir, 'auth-profiles.json'))
    await assert.rejects(store.upsertCodexProfile({ profileId: 'openai-codex:a', credential: cred('b'), replace: false }), /openai-codex:a already exists \(a@example.com\); pass --replace/)
    assert.deepEqual(await readFile(join(agentDir, 'auth-profiles.json')), before)
  })

  test('refuses the same account under another name', async () => {
    const { store } = await fixture()
    await store.upsertCodexProfile({ profileId: 'openai-codex:a', credential: cred('a'), replace: false })
    await assert.rejects(store.upsertCodexProfile({ profileId: 'openai-codex:other', credential: cred('a'), replace: false }), /already stored as openai-codex:a/)
  })

  test('--replace updates tokens without a second order entry', async () => {
    const { agentDir, store } = await fixture()
    await store.upsertCodexProfile({ profileId: 'openai-codex:a', credential: cred('a'), replace: false })
    const r = await store.upsertCodexProfile({ profileId: 'openai-codex:a', credential: { ...cred('a'), access: 'new-access' }, replace: true })
    assert.equal(r.replaced, true)
    const saved = JSON.parse(await readFile(join(agentDir, 'auth-profiles.json'), 'utf8'))
    assert.equal(saved.profiles['openai-codex:a'].access, 'new-access')
    assert.deepEqual(saved.order['openai-codex'], ['openai-codex:a'])
  })

  test('a malformed store is refused and left byte-identical', async () => {
    const { agentDir, store } = await fixture('{"version":1,"profiles":{')
    await assert.rejects(store.upsertCodexProfile({ profileId: 'openai-codex:a', credential: cred('a'), replace: false }), /is not valid JSON/)
    assert.equal(await readFile(join(agentDir, 'auth-profiles.json'), 'utf8'), '{"version":1,"profiles":{')
    assert.deepEqual(await readdir(agentDir), ['auth-profiles.json'])
  })
})

describe('summarizeJsonStore', () => {
  test('reports usage stats and a digest of the refresh token, never a token', async () => {
    const { summarizeJsonStore } = await import('../lib/openclaw/stores/json.ts')
    const { createHash } = await import('node:crypto')
    const store: JsonStoreData = {
      version: 1,
      profiles: { 'openai-codex:a': { type: 'oauth', provider: 'openai-codex', access: 'secret-access-token', refresh: 'secret-refresh-token', expires: 5, accountId: 'acct' } },
      usageStats: { 'openai-codex:a': { cooldownUntil: 9, cooldownReason: 'rate_limit', errorCount: 2, failureCounts: { rate_limit: 2 } } },
    }
    const [s] = summarizeJsonStore(store)
    assert.deepEqual(s!.usage, { cooldownUntil: 9, cooldownReason: 'rate_limit', errorCount: 2 })
    assert.equal(s!.refreshDigest, createHash('sha256').update('secret-refresh-token').digest('hex'))
    assert.ok(!JSON.stringify(s).includes('secret-'))
  })

  test('the plan comes from the access token claim (the JSON store has no plan field); an unreadable token has none', async () => {
    const { summarizeJsonStore } = await import('../lib/openclaw/stores/json.ts')
    const { makeTokens } = await import('./support/jwt.ts')
    const { access } = await makeTokens({ plan: 'pro' })
    const store: JsonStoreData = {
      version: 1,
      profiles: { 'openai-codex:a': { type: 'oauth', provider: 'openai-codex', access }, 'openai-codex:b': { type: 'oauth', provider: 'openai-codex', access: 'not-a-jwt' } },
    }
    assert.deepEqual(summarizeJsonStore(store).map((p) => p.plan), ['pro', undefined])
  })
})

describe('applyProfileRemoval', () => {
  const full = (): JsonStoreData => ({
    version: 1,
    profiles: {
      'openai-codex:a': { type: 'oauth', provider: 'openai-codex', access: 'acc-a', refresh: 'ref-a' },
      'openai-codex:b': { type: 'oauth', provider: 'openai-codex', access: 'acc-b', refresh: 'ref-b' },
      'anthropic:me': { type: 'token', provider: 'anthropic', token: 't' },
    },
    order: { 'openai-codex': ['openai-codex:a', 'openai-codex:b'], anthropic: ['anthropic:me'], odd: ['openai-codex:a'] },
    lastGood: { 'openai-codex': 'openai-codex:a', anthropic: 'anthropic:me' },
    usageStats: { 'openai-codex:a': { lastUsed: 1, cooldownUntil: 9 }, 'openai-codex:b': { lastUsed: 2 } },
    futureKey: { x: [1, 2] },
  })

  test('drops the credential, its order entries, lastGood pointers and usage stats; keeps the rest', () => {
    const after = applyProfileRemoval(full(), 'openai-codex:a')
    assert.deepEqual(after, {
      version: 1,
      profiles: { 'openai-codex:b': full().profiles['openai-codex:b'], 'anthropic:me': full().profiles['anthropic:me'] },
      order: { 'openai-codex': ['openai-codex:b'], anthropic: ['anthropic:me'] },
      lastGood: { anthropic: 'anthropic:me' },
      usageStats: { 'openai-codex:b': { lastUsed: 2 } },
      futureKey: { x: [1, 2] },
    })
  })

  test('an order list, lastGood or usageStats left empty is dropped, not kept empty', () => {
    const one: JsonStoreData = { version: 1, profiles: { 'openai-codex:a': { type: 'oauth', provider: 'openai-codex' } }, order: { 'openai-codex': ['openai-codex:a'] }, lastGood: { 'openai-codex': 'openai-codex:a' }, usageStats: { 'openai-codex:a': { lastUsed: 1 } } }
    assert.deepEqual(applyProfileRemoval(one, 'openai-codex:a'), { version: 1, profiles: {} })
  })

  test('does not change its input', () => {
    const before = full()
    applyProfileRemoval(before, 'openai-codex:a')
    assert.deepEqual(before, full())
  })
})

describe('openJsonStore().removeProfile', () => {
  async function seeded() {
    const dir = makeTempDir('caf-store-')
    const agentDir = join(dir, 'agents', 'main', 'agent')
    const store = openJsonStore({ agentDir, provider: 'openai-codex' })
    await store.upsertCodexProfile({ profileId: 'openai-codex:a', credential: cred('a'), replace: false })
    await store.upsertCodexProfile({ profileId: 'openai-codex:b', credential: cred('b'), replace: false })
    return { agentDir, store, path: join(agentDir, 'auth-profiles.json') }
  }

  test('removes it and leaves a 0600 backup of the content before', async () => {
    const { store, path } = await seeded()
    const before = await readFile(path, 'utf8')
    const r = await store.removeProfile('openai-codex:a')
    assert.match(r.backupPath ?? '', /\.codex-auth-fallback-backups\/auth-profiles\.json\./)
    assert.equal(await readFile(r.backupPath!, 'utf8'), before)
    assert.equal((await stat(r.backupPath!)).mode & 0o777, 0o600)
    const saved = JSON.parse(await readFile(path, 'utf8'))
    assert.deepEqual(Object.keys(saved.profiles), ['openai-codex:b'])
    assert.deepEqual(saved.order, { 'openai-codex': ['openai-codex:b'] })
    assert.equal((await stat(path)).mode & 0o777, 0o600)
  })

  test('an unknown id is refused naming what is held; file byte-identical, no backup', async () => {
    const { agentDir, store, path } = await seeded()
    const before = await readFile(path)
    const backups = await readdir(join(agentDir, '.codex-auth-fallback-backups'))
    await assert.rejects(store.removeProfile('openai-codex:zed'), /^CafError: no profile openai-codex:zed in .*auth-profiles\.json \(it holds openai-codex:a, openai-codex:b\); nothing was changed$/)
    assert.deepEqual(await readFile(path), before)
    assert.deepEqual(await readdir(join(agentDir, '.codex-auth-fallback-backups')), backups)
  })
})
