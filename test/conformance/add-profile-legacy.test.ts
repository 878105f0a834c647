// add-profile against the real seed-era OpenClaw (pins.json openclawLegacy, auth-profiles.json):
// what we write is what that release reads, and its own order command still works on our file.
import assert from 'node:assert/strict'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { startOAuthServer, type OAuthServer } from '../support/oauth-server.ts'
import { createSandbox, findTokenLeak, type Sandbox } from '../support/sandbox.ts'
import { probeOpenclaw, readOpenclawLogs, requireOpenclaw, runOpenclaw, type OpenclawInstall } from '../support/tools.ts'

describe('add-profile on OpenClaw legacy (auth-profiles.json)', async () => {
  let server: OAuthServer
  let sb: Sandbox
  let oc: OpenclawInstall
  const skip = await probeOpenclaw('legacy')
  const storePath = () => join(sb.stateDir, 'agents', 'main', 'agent', 'auth-profiles.json')
  const add = (name: string, ...args: string[]) => sb.run('add-profile', [name, '--issuer', server.issuer, '--yes', ...args], { env: oc.env })

  before(async () => {
    if (skip) return
    server = await startOAuthServer()
    sb = await createSandbox()
    oc = (await requireOpenclaw('legacy', sb)) as OpenclawInstall
  })
  after(async () => {
    await server?.close()
    await sb?.cleanup()
  })

  test('detects the installed release and imports two accounts that models status lists', { skip }, async () => {
    server.queue({ email: 'alice@example.com', accountId: 'acct-alice' }, { email: 'bob@example.com', accountId: 'acct-bob' })
    for (const name of ['alice', 'bob']) {
      const r = await add(name)
      assert.equal(r.code, 0, r.stderr)
      assert.match(r.stderr, new RegExp(`OpenClaw ${oc.version} \\(installed\\): auth-profiles.json`))
    }
    const stored = JSON.parse(await readFile(storePath(), 'utf8'))
    const status = await runOpenclaw(oc, sb, ['models', 'status', '--json'])
    assert.equal(status.code, 0, status.stderr)
    const profiles = status.json().auth.oauth.profiles as Array<{ profileId: string; label: string; expiresAt: number; status: string }>
    for (const [id, email] of [['openai-codex:alice', 'alice@example.com'], ['openai-codex:bob', 'bob@example.com']]) {
      const p = profiles.find((x) => x.profileId === id)
      assert.ok(p, `${id} listed by models status`)
      assert.match(p.label, new RegExp(email.replace('.', '\\.')))
      assert.equal(p.expiresAt, stored.profiles[id].expires)
      assert.equal(p.status, 'ok')
    }
  })

  test("OpenClaw's own `models auth order set` works on our file, and we keep its order", { skip }, async () => {
    const set = await runOpenclaw(oc, sb, ['models', 'auth', 'order', 'set', '--provider', 'openai-codex', 'openai-codex:bob', 'openai-codex:alice'])
    assert.equal(set.code, 0, set.stderr)
    const get = await runOpenclaw(oc, sb, ['models', 'auth', 'order', 'get', '--provider', 'openai-codex', '--json'])
    assert.deepEqual(get.json().order, ['openai-codex:bob', 'openai-codex:alice'])

    server.queue({ email: 'carol@example.com', accountId: 'acct-carol' })
    const r = await add('carol')
    assert.equal(r.code, 0, r.stderr)
    const after = await runOpenclaw(oc, sb, ['models', 'auth', 'order', 'get', '--provider', 'openai-codex', '--json'])
    assert.deepEqual(after.json().order, ['openai-codex:bob', 'openai-codex:alice', 'openai-codex:carol'])
  })

  test('a refused name leaves a fresh state dir byte-identical, OpenClaw version check included', { skip }, async () => {
    const fresh = await createSandbox()
    try {
      const store = join(fresh.stateDir, 'agents', 'main', 'agent', 'auth-profiles.json')
      await mkdir(dirname(store), { recursive: true })
      await writeFile(store, await readFile(storePath()))
      const before = await fresh.snapshot(fresh.stateDir)
      const r = await fresh.run('add-profile', ['alice', '--issuer', server.issuer, '--yes'], { env: oc.env })
      assert.equal(r.code, 1)
      assert.match(r.stderr, /openai-codex:alice already exists/)
      assert.deepEqual(await fresh.snapshot(fresh.stateDir), before)
    } finally {
      await fresh.cleanup()
    }
  })

  test('a login returning a stored account is refused', { skip }, async () => {
    server.queue({ email: 'alice@example.com', accountId: 'acct-alice' })
    const before = await readFile(storePath())
    const r = await add('dup')
    assert.equal(r.code, 1)
    assert.match(r.stderr, /already stored as openai-codex:alice/)
    assert.deepEqual(await readFile(storePath()), before)
  })

  test("no token in our output, OpenClaw's output or OpenClaw's logs", { skip }, async () => {
    const leak = findTokenLeak(`${sb.output.join('\n')}\n${await readOpenclawLogs([join(sb.tmp, 'openclaw'), '/tmp/openclaw'])}`, server.issuedTokens)
    assert.equal(leak, undefined, leak)
  })
})
