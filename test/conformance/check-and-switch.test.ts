// check-and-switch against both pinned releases with a real gateway: a cooldown planted the way
// OpenClaw records one moves agent:main:main, the gateway's sessions.list shows the override, and
// a second run is silent. A second agent, ops, with a Codex account of its own, is checked side by
// side: its check reads its own status, accounts and state file and moves only agent:ops:main.
import assert from 'node:assert/strict'
import { readFile, writeFile } from 'node:fs/promises'
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
    const sessionModel = async (key = 'agent:main:main') => {
      const r = await runOpenclaw(oc, sb, ['gateway', 'call', 'sessions.list', '--params', '{}', '--json'], gw.env)
      assert.equal(r.code, 0, r.stderr)
      const s = (r.json().sessions as Array<{ key: string; model?: string; modelProvider?: string }>).find((x) => x.key === key)
      return s ? `${s.modelProvider}/${s.model}` : undefined
    }
    const memory = () => join(sb.stateDir, 'workspace', 'memory')

    before(async () => {
      if (skip) return
      server = await startOAuthServer()
      sb = await createSandbox()
      oc = (await requireOpenclaw(era, sb)) as OpenclawInstall
      // ops is an agent OpenClaw knows (models status --agent refuses one it does not), with carol of its own.
      const agents = { list: [{ id: 'main', default: true }, { id: 'ops' }] }
      await writeFile(join(sb.stateDir, 'openclaw.json'), JSON.stringify({ agents }, null, 2))
      server.queue({ email: 'alice@example.com', accountId: 'acct-alice' }, { email: 'bob@example.com', accountId: 'acct-bob' }, { email: 'carol@example.com', accountId: 'acct-carol' })
      for (const [name, agent] of [['alice', 'main'], ['bob', 'main'], ['carol', 'ops']] as const) {
        const r = await sb.run('add-profile', [name, '--agent', agent, '--issuer', server.issuer, '--yes'], { env: oc.env })
        assert.equal(r.code, 0, r.stderr)
      }
      // 2026.9 routes openai/* through the "codex" harness plugin unless told to use its own runtime;
      // the plugin is installed from the network on first use, which a test machine has not got.
      // The models map is also the list of allowed models, so both are in it.
      const models = { [codex]: era === 'current' ? { agentRuntime: { id: 'openclaw' } } : {}, [OPUS]: { alias: 'opus' } }
      await writeFile(join(sb.stateDir, 'openclaw.json'), JSON.stringify({ agents: { ...agents, defaults: { model: { primary: codex, fallbacks: [OPUS] }, models } } }, null, 2))
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

    test("ops's check reads its own status, accounts and state file and moves only agent:ops:main; neither flaps the other", { skip, timeout: 180_000 }, async () => {
      const mainState = await readFile(join(memory(), 'model-switch-state.json'))
      const r = await run(['--agent', 'ops', '--json'])
      assert.equal(r.code, 0, r.stderr)
      const d = JSON.parse(r.stdout)
      // main's accounts are cooling (the test before); carol, ops's own, is free: ops stays on Codex.
      assert.deepEqual([d.session, d.statePath, d.previous, d.chosen, d.switched], ['agent:ops:main', join(memory(), 'model-switch-state.ops.json'), undefined, codex, true])
      // The usage check read ops's accounts as OpenClaw gives them to ops: on 2026.2.22 its own store;
      // on 2026.9.6 its own database beside the shared one that holds main's, which every agent reads.
      const opsAccounts = era === 'legacy' ? ['carol'] : ['alice', 'bob', 'carol']
      assert.deepEqual(d.order?.current, opsAccounts.map((n) => `${provider}:${n}`), "the usage check read ops's accounts")
      assert.equal(JSON.parse(await readFile(join(memory(), 'model-switch-state.ops.json'), 'utf8')).lastEffectiveModel, codex)
      assert.deepEqual(await readFile(join(memory(), 'model-switch-state.json')), mainState, "main's state file is untouched")
      assert.equal(await sessionModel('agent:main:main'), OPUS, "main's session stays where main's check put it")
      assert.notEqual(await sessionModel('agent:ops:main'), OPUS)

      for (const args of [['--agent', 'ops'], []]) {
        const again = await run(args)
        assert.equal(again.code, 0, again.stderr)
        assert.equal(again.stdout, '', `check-and-switch ${args.join(' ')} found nothing changed`)
      }
    })
  })
}
