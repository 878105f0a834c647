// check-and-switch against both pinned releases with a real gateway: a cooldown planted the way
// OpenClaw records one moves agent:main:main, the gateway's sessions.list shows the override, and
// a second run is silent.
import assert from 'node:assert/strict'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { startOAuthServer, type OAuthServer } from '../support/oauth-server.ts'
import { createSandbox, type Sandbox } from '../support/sandbox.ts'
import { probeOpenclaw, requireOpenclaw, runOpenclaw, type Era, type OpenclawInstall } from '../support/tools.ts'
import { startGateway, type Gateway } from '../../sandbox/gateway.ts'
import { plantCooldown } from '../support/plant.ts'

const OPUS = 'anthropic/claude-opus-4-6'

// ERA=legacy or ERA=current runs one release only (for a quicker look while debugging).
for (const era of (process.env.ERA ? [process.env.ERA] : ['legacy', 'current']) as Era[]) {
  describe(`check-and-switch on OpenClaw ${era}`, async () => {
    const skip = await probeOpenclaw(era)
    let server: OAuthServer
    let sb: Sandbox
    let oc: OpenclawInstall
    let gw: Gateway
    const provider = era === 'legacy' ? 'openai-codex' : 'openai'
    const codex = era === 'legacy' ? 'openai-codex/gpt-5.3-codex' : 'openai/gpt-5.5'
    // Anthropic answers through an environment key (what models status calls other effective auth).
    const run = (args: string[] = []) => sb.run('check-and-switch', args, { env: { ...oc.env, ...gw.env, ANTHROPIC_API_KEY: 'sk-ant-test-placeholder-0000000000' } })
    const sessionModel = async () => {
      const r = await runOpenclaw(oc, sb, ['gateway', 'call', 'sessions.list', '--params', '{}', '--json'], gw.env)
      assert.equal(r.code, 0, r.stderr)
      const s = (r.json().sessions as Array<{ key: string; model?: string; modelProvider?: string }>).find((x) => x.key === 'agent:main:main')
      return s ? `${s.modelProvider}/${s.model}` : undefined
    }

    before(async () => {
      if (skip) return
      server = await startOAuthServer()
      sb = await createSandbox()
      oc = (await requireOpenclaw(era, sb)) as OpenclawInstall
      server.queue({ email: 'alice@example.com', accountId: 'acct-alice' }, { email: 'bob@example.com', accountId: 'acct-bob' })
      for (const name of ['alice', 'bob']) {
        const r = await sb.run('add-profile', [name, '--issuer', server.issuer, '--yes'], { env: oc.env })
        assert.equal(r.code, 0, r.stderr)
      }
      // 2026.9 routes openai/* through the "codex" harness plugin unless told to use its own runtime;
      // the plugin is installed from the network on first use, which a test machine has not got.
      // The models map is also the list of allowed models, so both are in it.
      const models = { [codex]: era === 'current' ? { agentRuntime: { id: 'openclaw' } } : {}, [OPUS]: { alias: 'opus' } }
      await writeFile(join(sb.stateDir, 'openclaw.json'), JSON.stringify({ agents: { defaults: { model: { primary: codex, fallbacks: [OPUS] }, models } } }, null, 2))
      gw = await startGateway(oc, sb)
    })
    after(async () => {
      await gw?.stop()
      await server?.close()
      await sb?.cleanup()
    })

    test('first run settles on the default; a second run prints nothing', { skip, timeout: 120_000 }, async () => {
      const first = await run()
      assert.equal(first.code, 0, first.stderr)
      assert.match(first.stdout, new RegExp(`^model switched: \\(none\\) → ${codex.replace('.', '\\.')}`))
      const second = await run()
      assert.equal(second.code, 0, second.stderr)
      assert.equal(second.stdout, '')
    })

    test('every Codex profile cooling down: the session moves to Opus, and stays put after', { skip, timeout: 120_000 }, async () => {
      await plantCooldown({ oc, era, stateDir: sb.stateDir, env: sb.env, profileIds: [`${provider}:alice`, `${provider}:bob`], ms: 30 * 60_000 })
      const r = await run()
      assert.equal(r.code, 0, r.stderr)
      assert.match(r.stdout, new RegExp(`→ ${OPUS} \\(session agent:main:main\\); ${codex.replace('.', '\\.')}: cooldown.* on all 2 ${provider} profiles, frees up`))
      assert.equal(await sessionModel(), OPUS)
      const again = await run()
      assert.equal(again.code, 0, again.stderr)
      assert.equal(again.stdout, '')
    })
  })
}
