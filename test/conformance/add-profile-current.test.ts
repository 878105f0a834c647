// add-profile against the real current OpenClaw (pins.json openclawCurrent, state database):
// written through OpenClaw's own SDK, read back by OpenClaw's own CLI and gateway.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { access, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { startOAuthServer, type OAuthServer } from '../support/oauth-server.ts'
import { createSandbox, findTokenLeak, ROOT, type Sandbox } from '../support/sandbox.ts'
import { probeOpenclaw, readOpenclawLogs, requireOpenclaw, runOpenclaw, type OpenclawInstall } from '../support/tools.ts'
import { startGateway } from '../../sandbox/gateway.ts'
import { resolveSdkPath } from '../../lib/openclaw/runtime.ts'

const sha = (s: string) => createHash('sha256').update(s).digest('hex')

describe('add-profile on OpenClaw current (state database)', async () => {
  let server: OAuthServer
  let sb: Sandbox
  let oc: OpenclawInstall
  const skip = await probeOpenclaw('current')
  const add = (name: string, args: string[] = [], env: NodeJS.ProcessEnv = {}) =>
    sb.run('add-profile', [name, '--issuer', server.issuer, '--yes', '--json', ...args], { env: { ...oc.env, ...env } })
  const stored = async (): Promise<Record<string, { refresh: string; access: string; idToken: string; accountId: string; email: string; chatgptPlanType: string; expires: number }>> => {
    const child = spawn(oc.node, [join(ROOT, 'test/support/sdk-read.mjs'), await resolveSdkPath(oc.packageDir)], { env: { ...sb.env, ...oc.env } })
    let out = ''
    child.stdout.on('data', (d) => (out += d))
    await new Promise((r) => child.on('close', r))
    return JSON.parse(out)
  }
  const orderOf = async () => (await runOpenclaw(oc, sb, ['models', 'auth', 'order', 'get', '--provider', 'openai', '--json'])).json().order

  before(async () => {
    if (skip) return
    server = await startOAuthServer()
    sb = await createSandbox()
    oc = (await requireOpenclaw('current', sb)) as OpenclawInstall
  })
  after(async () => {
    await server?.close()
    await sb?.cleanup()
  })

  test('two imports: OpenClaw lists openai:<name> with email and expiry', { skip }, async () => {
    server.queue({ email: 'alice@example.com', accountId: 'acct-alice', plan: 'plus' }, { email: 'bob@example.com', accountId: 'acct-bob', plan: 'pro' })
    for (const name of ['alice', 'bob']) {
      const r = await add(name)
      assert.equal(r.code, 0, r.stderr)
      const out = JSON.parse(r.stdout)
      assert.equal(out.profileId, `openai:${name}`)
      assert.deepEqual(out.openclaw, { version: oc.version, source: 'installed', store: 'sqlite' })
      assert.equal(out.storePath, join(sb.stateDir, 'state', 'openclaw.sqlite'))
      assert.match(r.stderr, new RegExp(`OpenClaw ${oc.version} \\(installed\\): state database`))
    }
    assert.equal((await stat(join(sb.stateDir, 'state', 'openclaw.sqlite'))).mode & 0o777, 0o600)
    await assert.rejects(access(join(sb.stateDir, 'agents', 'main', 'agent', 'auth-profiles.json')), 'no JSON store written')

    const list = await runOpenclaw(oc, sb, ['models', 'auth', 'list', '--json'])
    assert.equal(list.code, 0, list.stderr)
    const listed = list.json().profiles as Array<{ id: string; email: string; expiresAt: string }>
    const status = await runOpenclaw(oc, sb, ['models', 'status', '--json'])
    assert.equal(status.code, 0, status.stderr)
    const oauth = status.json().auth.oauth.profiles as Array<{ profileId: string; label: string; expiresAt: number }>
    const creds = await stored()
    for (const [id, email, plan] of [['openai:alice', 'alice@example.com', 'plus'], ['openai:bob', 'bob@example.com', 'pro']]) {
      assert.equal(listed.find((p) => p.id === id)?.email, email)
      assert.equal(Date.parse(listed.find((p) => p.id === id)!.expiresAt), creds[id]!.expires)
      assert.match(oauth.find((p) => p.profileId === id)?.label ?? '', new RegExp(email.replace('.', '\\.')))
      assert.equal(oauth.find((p) => p.profileId === id)?.expiresAt, creds[id]!.expires)
      // what OpenClaw's own login stores: accountId, email, chatgptPlanType, idToken
      assert.equal(creds[id]!.chatgptPlanType, plan)
      assert.ok(creds[id]!.idToken && creds[id]!.accountId)
    }
    assert.deepEqual(await orderOf(), ['openai:alice', 'openai:bob'])
  })

  test('a login returning a stored account is refused', { skip }, async () => {
    server.queue({ email: 'alice@example.com', accountId: 'acct-alice' })
    const r = await add('dup')
    assert.equal(r.code, 1)
    assert.match(r.stderr, /already stored as openai:alice/)
    assert.equal((await stored())['openai:dup'], undefined)
  })

  test('--replace updates the tokens without a second order entry', { skip }, async () => {
    const before = (await stored())['openai:alice']!
    server.queue({ email: 'alice@example.com', accountId: 'acct-alice', plan: 'plus' })
    const r = await add('alice', ['--replace'])
    assert.equal(r.code, 0, r.stderr)
    assert.match(JSON.parse(r.stdout).backupPath, /state\/\.codex-auth-fallback-backups\/openclaw\.sqlite\./)
    const afterwards = (await stored())['openai:alice']!
    assert.notEqual(afterwards.refresh, before.refresh)
    assert.equal(afterwards.refresh, sha(server.issuedTokens.at(-1)!))
    assert.deepEqual(await orderOf(), ['openai:alice', 'openai:bob'])
  })

  test('with a running gateway, it is told (models.authRefresh) and its status agrees', { skip, timeout: 180_000 }, async () => {
    const gw = await startGateway(oc, sb)
    try {
      server.queue({ email: 'carol@example.com', accountId: 'acct-carol' })
      const r = await add('carol', [], gw.env)
      assert.equal(r.code, 0, r.stderr)
      assert.doesNotMatch(r.stderr, /no running gateway/)
      const viaGateway = await runOpenclaw(oc, sb, ['gateway', 'call', 'models.authStatus', '--params', '{}', '--json'], gw.env)
      assert.equal(viaGateway.code, 0, viaGateway.stderr)
      const text = viaGateway.stdout
      for (const id of ['openai:alice', 'openai:bob', 'openai:carol']) assert.ok(text.includes(`"${id}"`), `${id} in the gateway's auth status`)
    } finally {
      await gw.stop()
    }
  })

  test('without a gateway the refresh is a warning, not an error', { skip }, async () => {
    server.queue({ email: 'dave@example.com', accountId: 'acct-dave' })
    const r = await add('dave')
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stderr, /no running gateway was told/)
  })

  test('a leftover auth-profiles.json: refused before any login, naming doctor --fix, left untouched', { skip }, async () => {
    const leftover = join(sb.stateDir, 'agents', 'main', 'agent', 'auth-profiles.json')
    const content = '{"version":1,"profiles":{"openai-codex:old":{"type":"oauth","provider":"openai-codex","access":"x","refresh":"y","expires":1}}}\n'
    await writeFile(leftover, content)
    const requests = server.requests.length
    const r = await add('erin')
    assert.equal(r.code, 1)
    assert.match(r.stderr, /auth-profiles\.json is a leftover .*openclaw doctor --fix.*will not use its credential store/)
    assert.equal(server.requests.length, requests, 'no login was spent')
    assert.equal(await readFile(leftover, 'utf8'), content)
    await rm(leftover)
  })

  test("no token in our output, OpenClaw's output or OpenClaw's logs", { skip }, async () => {
    const leak = findTokenLeak(`${sb.output.join('\n')}\n${await readOpenclawLogs([join(sb.tmp, 'openclaw'), '/tmp/openclaw'])}`, server.issuedTokens)
    assert.equal(leak, undefined, leak)
  })
})
