// add-profile end to end with the real codex CLI (this project's pinned dependency) against the
// loopback OAuth server, into a JSON store. No OpenClaw needed: --openclaw-version picks the era.
import assert from 'node:assert/strict'
import { readdirSync, statSync } from 'node:fs'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { startOAuthServer, type OAuthServer } from './support/oauth-server.ts'
import { createSandbox, findTokenLeak, type Sandbox } from './support/sandbox.ts'
import { codexAuthJson, makeTokens } from './support/jwt.ts'
import { LOGIN_HOME_PREFIX } from '../lib/codex-login.ts'

const LEGACY = ['--openclaw-version', '2026.2.22']
const alice = { email: 'alice@example.com', accountId: 'acct-alice', plan: 'plus' }
const bob = { email: 'bob@example.com', accountId: 'acct-bob', plan: 'pro' }

describe('add-profile (real codex CLI, JSON store)', () => {
  let server: OAuthServer
  let sb: Sandbox
  let userCodex: Record<string, string>
  const storePath = () => join(sb.stateDir, 'agents', 'main', 'agent', 'auth-profiles.json')
  const store = async () => JSON.parse(await readFile(storePath(), 'utf8'))
  const extraTokens: string[] = []

  before(async () => {
    server = await startOAuthServer()
    sb = await createSandbox()
    userCodex = await sb.snapshot(sb.codexHome)
  })
  after(async () => {
    await server.close()
    await sb.cleanup()
  })

  test('imports two accounts through the device flow', async () => {
    server.queue(alice, bob)
    const a = await sb.run('add-profile', ['alice', '--issuer', server.issuer, '--yes', ...LEGACY])
    assert.equal(a.code, 0, a.stderr)
    assert.match(a.stderr, /\/codex\/device/) // the device URL reached the user
    assert.match(a.stderr, /[0-9A-F]{4}-[0-9A-F]{4}/) // and so did the code
    assert.match(a.stdout, /added openai-codex:alice \(alice@example.com, account acct-alice, plan plus\)/)

    const b = await sb.run('add-profile', ['bob', '--issuer', server.issuer, '--yes', '--json', ...LEGACY])
    assert.equal(b.code, 0, b.stderr)
    const out = JSON.parse(b.stdout)
    assert.equal(out.profileId, 'openai-codex:bob')
    assert.equal(out.provider, 'openai-codex')
    assert.equal(out.email, 'bob@example.com')
    assert.equal(out.accountId, 'acct-bob')
    assert.equal(out.plan, 'pro')
    assert.equal(out.storePath, storePath())
    assert.ok(out.expires > Date.now())
    assert.match(out.backupPath, /\.codex-auth-fallback-backups\/auth-profiles\.json\./)

    const s = await store()
    assert.deepEqual(Object.keys(s.profiles), ['openai-codex:alice', 'openai-codex:bob'])
    assert.deepEqual(s.order['openai-codex'], ['openai-codex:alice', 'openai-codex:bob'])
    const p = s.profiles['openai-codex:bob']
    assert.equal(p.type, 'oauth')
    assert.equal(p.accountId, 'acct-bob')
    assert.equal(p.email, 'bob@example.com')
    assert.ok(server.issuedTokens.includes(p.access) && server.issuedTokens.includes(p.refresh))
  })

  test('refuses a login that returns an account already stored, store unchanged', async () => {
    server.queue(alice)
    const before = await readFile(storePath())
    const r = await sb.run('add-profile', ['carol', '--issuer', server.issuer, '--yes', ...LEGACY])
    assert.equal(r.code, 1)
    assert.match(r.stderr, /already stored as openai-codex:alice/)
    assert.deepEqual(await readFile(storePath()), before)
  })

  test('refuses an existing name before any login, naming its email', async () => {
    const requests = server.requests.length
    const r = await sb.run('add-profile', ['alice', '--issuer', server.issuer, '--yes', ...LEGACY])
    assert.equal(r.code, 1)
    assert.match(r.stderr, /openai-codex:alice already exists \(alice@example.com\); pass --replace/)
    assert.equal(server.requests.length, requests, 'no login was started')
  })

  test('--replace logs in again and updates the tokens in place', async () => {
    server.queue(alice)
    const old = (await store()).profiles['openai-codex:alice'].refresh
    const r = await sb.run('add-profile', ['alice', '--replace', '--issuer', server.issuer, '--yes', ...LEGACY])
    assert.equal(r.code, 0, r.stderr)
    const s = await store()
    assert.notEqual(s.profiles['openai-codex:alice'].refresh, old)
    assert.deepEqual(s.order['openai-codex'], ['openai-codex:alice', 'openai-codex:bob'])
  })

  test('--from imports an existing auth.json and warns that it is single-use', async () => {
    const t = await makeTokens({ accountId: 'acct-dave', email: 'dave@example.com' })
    extraTokens.push(t.access, t.refresh, t.idToken)
    const file = join(sb.root, 'dave-auth.json')
    await writeFile(file, codexAuthJson(t, 'acct-dave'))
    const r = await sb.run('add-profile', ['dave', '--from', file, '--yes', ...LEGACY])
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stderr, /single-use/)
    assert.equal((await store()).profiles['openai-codex:dave'].email, 'dave@example.com')
  })

  test('without a TTY and without --yes: exit 1, says to pass --yes, nothing touched', async () => {
    const before = await sb.snapshot(sb.stateDir)
    const requests = server.requests.length
    const r = await sb.run('add-profile', ['erin', '--issuer', server.issuer, ...LEGACY])
    assert.equal(r.code, 1)
    assert.match(r.stderr, /pass --yes/)
    assert.equal(server.requests.length, requests)
    assert.deepEqual(await sb.snapshot(sb.stateDir), before)
  })

  const usage: Array<[string, string[]]> = [
    ['a bad name', ['../evil', '--yes']],
    ['an unknown flag', ['frank', '--frobnicate']],
  ]
  for (const [name, args] of usage) {
    test(`${name}: exit 2 with one line, nothing touched`, async () => {
      const before = await sb.snapshot(sb.stateDir)
      const r = await sb.run('add-profile', [...args, ...LEGACY])
      assert.equal(r.code, 2)
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr)
      assert.deepEqual(await sb.snapshot(sb.stateDir), before)
    })
  }

  test('SIGTERM while codex waits: exit 143, private home removed, store unchanged', async () => {
    server.queue(bob)
    server.pendingPolls = 1_000
    const before = await sb.snapshot(sb.stateDir)
    const homeModes: number[] = []
    const r = await sb.run('add-profile', ['gina', '--issuer', server.issuer, '--yes', ...LEGACY], {
      onStderr: (text, child) => {
        if (!/[0-9A-F]{4}-[0-9A-F]{4}/.test(text) || child.killed) return
        for (const n of readdirSync(sb.tmp).filter((n) => n.startsWith(LOGIN_HOME_PREFIX))) homeModes.push(statSync(join(sb.tmp, n)).mode & 0o777)
        child.kill('SIGTERM')
      },
    })
    assert.deepEqual(homeModes, [0o700], 'one private login home, mode 0700, while codex ran')
    server.pendingPolls = 1
    assert.equal(r.code, 143, r.stderr)
    assert.match(r.stderr, /interrupted by SIGTERM/)
    assert.deepEqual(await sb.snapshot(sb.stateDir), before)
  })

  test("the user's own CODEX_HOME is byte-identical and no private home is left", async () => {
    assert.deepEqual(await sb.snapshot(sb.codexHome), userCodex)
    // tsx keeps its own cache there too; the private login homes are ours
    assert.deepEqual((await readdir(sb.tmp)).filter((n) => n.startsWith(LOGIN_HOME_PREFIX)), [])
  })

  test('no token, nor any 12-character piece of one, in any output', () => {
    const leak = findTokenLeak(sb.output.join('\n'), [...server.issuedTokens, ...extraTokens])
    assert.equal(leak, undefined, leak)
  })
})
