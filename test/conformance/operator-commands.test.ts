// status and remove-profile against both pinned releases: two accounts imported through the real
// codex CLI and the loopback OAuth server, the config rendered and written, then one profile
// removed. The real OpenClaw must no longer list it, must still load the config, and status must
// show what is left.
import assert from 'node:assert/strict'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { startOAuthServer, type OAuthServer } from '../support/oauth-server.ts'
import { createSandbox, findTokenLeak, type Sandbox } from '../support/sandbox.ts'
import { probeOpenclaw, requireOpenclaw, runOpenclaw, type Era, type OpenclawInstall } from '../support/tools.ts'
import { loadConfigTemplate, resolveTemplatePath } from '../../lib/config-template.ts'
import type { StatusView } from '../../lib/status-view.ts'

// ERA=legacy or ERA=current runs one release only.
for (const era of (process.env.ERA ? [process.env.ERA] : ['legacy', 'current']) as Era[]) {
  describe(`status and remove-profile on OpenClaw ${era}`, async () => {
    const skip = await probeOpenclaw(era)
    let server: OAuthServer
    let sb: Sandbox
    let oc: OpenclawInstall
    const provider = era === 'legacy' ? 'openai-codex' : 'openai'
    const id = (name: string) => `${provider}:${name}`
    const run = (task: string, args: string[]) => sb.run(task, args, { env: oc.env })
    // Usage is read in usage.e2e and quota conformance; nothing here answers for it.
    const status = async (): Promise<StatusView> => {
      const r = await run('status', ['--json', '--no-usage'])
      assert.equal(r.code, 0, r.stderr)
      return JSON.parse(r.stdout)
    }
    /** The profile ids the real OpenClaw lists. */
    const listed = async (): Promise<string[]> => {
      if (era === 'current') {
        const r = await runOpenclaw(oc, sb, ['models', 'auth', 'list', '--json'])
        assert.equal(r.code, 0, r.stderr)
        return (r.json().profiles as Array<{ id: string }>).map((p) => p.id).sort()
      }
      const r = await runOpenclaw(oc, sb, ['models', 'status', '--json'])
      assert.equal(r.code, 0, r.stderr)
      return (r.json().auth.oauth.profiles as Array<{ profileId: string }>).map((p) => p.profileId).sort()
    }
    /** OpenClaw loads the config: `config validate` on 2026.9, any config-reading command on 2026.2. */
    const assertConfigLoads = async () => {
      if (era === 'current') {
        const v = await runOpenclaw(oc, sb, ['config', 'validate', '--json'])
        assert.equal(v.code, 0, v.stdout + v.stderr)
        assert.equal(v.json().valid, true)
      } else {
        const g = await runOpenclaw(oc, sb, ['config', 'get', 'agents.defaults.model', '--json'])
        assert.equal(g.code, 0, g.stderr)
      }
    }
    const config = async () => JSON.parse(await readFile(join(sb.stateDir, 'openclaw.json'), 'utf8'))

    before(async () => {
      if (skip) return
      server = await startOAuthServer()
      sb = await createSandbox()
      oc = (await requireOpenclaw(era, sb)) as OpenclawInstall
      server.queue({ email: 'alice@example.com', accountId: 'acct-alice', plan: 'plus' }, { email: 'bob@example.com', accountId: 'acct-bob', plan: 'pro' })
      for (const name of ['alice', 'bob']) {
        const r = await run('add-profile', [name, '--issuer', server.issuer, '--yes'])
        assert.equal(r.code, 0, r.stderr)
      }
      // 2026.9 routes openai/* through the "codex" harness plugin unless told to use its own runtime,
      // and installs that plugin from npm on its next CLI call (80 s of retries offline): the
      // template a user would copy, with the model on OpenClaw's own runtime.
      const template = await loadConfigTemplate(resolveTemplatePath(provider))
      if (era === 'current') (template as any).agents.defaults.models['openai/gpt-5.5'].agentRuntime = { id: 'openclaw' }
      await writeFile(join(sb.root, 'template.json'), JSON.stringify(template))
      const w = await run('render-config', ['--write', '--template', join(sb.root, 'template.json')])
      assert.equal(w.code, 0, w.stderr)
    })
    after(async () => {
      await server?.close()
      await sb?.cleanup()
    })

    test('status shows both accounts in order, with OpenClaw\'s own view', { skip, timeout: 120_000 }, async () => {
      const s = await status()
      assert.equal(s.openclaw.version, oc.version)
      assert.deepEqual(s.notes, [])
      assert.equal(s.primary, 'anthropic/claude-opus-4-6')
      assert.deepEqual(s.profiles.map((p) => [p.profileId, p.email, p.position]), [[id('alice'), 'alice@example.com', 1], [id('bob'), 'bob@example.com', 2]])
      assert.equal(s.order[provider]!.source, era === 'current' ? 'openclaw' : 'store')
      for (const p of s.profiles) {
        assert.ok(p.hasRefresh && p.expires! > s.checkedAt && p.unusable.length === 0)
        assert.equal(p.plan, p.email === 'alice@example.com' ? 'plus' : 'pro')
      }
      const table = await run('status', ['--no-usage'])
      assert.equal(table.code, 0, table.stderr)
      assert.match(table.stdout, new RegExp(`^1 +${id('alice')} +alice@example\\.com .* in \\d+ min +yes +ok +never$`, 'm'))
    })

    test('an unknown name exits 1 and changes nothing', { skip, timeout: 120_000 }, async () => {
      const snap = await sb.snapshot(sb.stateDir)
      const r = await run('remove-profile', ['zed', '--yes'])
      assert.equal(r.code, 1)
      assert.match(r.stderr, new RegExp(`^✗ no profile ${id('zed')} in .*; nothing was changed$`, 'm'))
      assert.deepEqual(await sb.snapshot(sb.stateDir), snap)
    })

    test('remove-profile alice: OpenClaw no longer lists her, still loads the config, status shows bob', { skip, timeout: 180_000 }, async () => {
      assert.deepEqual(await listed(), [id('alice'), id('bob')])
      const r = await run('remove-profile', ['alice', '--yes', '--json'])
      assert.equal(r.code, 0, r.stderr)
      const out = JSON.parse(r.stdout)
      assert.deepEqual(out.configRemoved, ['auth.profiles', `auth.order.${provider}`])
      assert.match(out.storeBackupPath, /\.codex-auth-fallback-backups\//)
      assert.match(out.configBackupPath, /\.codex-auth-fallback-backups\/openclaw\.json\./)
      assert.equal(out.revoked, false)
      assert.match(r.stderr, /nothing was revoked and `codex logout` was not called/)

      assert.deepEqual(await listed(), [id('bob')])
      if (era === 'current') {
        const order = await runOpenclaw(oc, sb, ['models', 'auth', 'order', 'get', '--provider', provider, '--json'])
        assert.deepEqual(order.json().order, [id('bob')])
      }
      const c = await config()
      assert.deepEqual(Object.keys(c.auth.profiles), [id('bob')])
      assert.deepEqual(c.auth.order, { [provider]: [id('bob')] })
      await assertConfigLoads()

      const s = await status()
      assert.deepEqual(s.notes, [])
      assert.deepEqual(s.profiles.map((p) => [p.profileId, p.position]), [[id('bob'), 1]])
    })

    test('removing the last one leaves no order behind, and a config OpenClaw loads', { skip, timeout: 180_000 }, async () => {
      const r = await run('remove-profile', ['bob', '--yes'])
      assert.equal(r.code, 0, r.stderr)
      assert.deepEqual(await listed(), [])
      if (era === 'current') {
        const order = await runOpenclaw(oc, sb, ['models', 'auth', 'order', 'get', '--provider', provider, '--json'])
        assert.equal(order.json().order, null)
      }
      assert.deepEqual((await config()).auth, { profiles: {}, order: {} })
      await assertConfigLoads()
      const table = await run('status', [])
      assert.equal(table.code, 0, table.stderr)
      assert.match(table.stdout, /^no profiles in .*; add one with: npm run add-profile -- NAME$/m)
    })

    test('no token in any output', { skip }, () => {
      const leak = findTokenLeak(sb.output.join('\n'), server.issuedTokens)
      assert.equal(leak, undefined, leak)
    })
  })
}
