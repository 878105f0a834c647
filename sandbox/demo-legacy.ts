// The 2026.2 story of the demo (npm run demo -- --legacy, and what plays without the pinned
// releases): auth-profiles.json, cooldowns planted the way OpenClaw records them, check-and-switch
// moving the session and then staying silent. OpenClaw is the pinned 2026.2.22 with a gateway of its
// own when .ci/install-tools has put it in the cache, else a stand-in that answers from the sandbox's
// files (sandbox/standin-openclaw.mjs), so it needs no network and no download.
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { updateJsonStore } from '../lib/openclaw/stores/json.ts'
import type { DemoContext, StoryResult } from './demo.ts'
import { startGateway } from './gateway.ts'
import { locateOpenclaw, prepareOpenclaw } from './openclaw-install.ts'
import { ROOT, type Sandbox } from './sandbox.ts'

// A config pasted by hand from an old how-to: a comment, and an order naming an account since removed.
const DEMO_CONFIG = `{
  // pasted from a how-to
  auth: { order: { 'openai-codex': ['openai-codex:bob', 'openai-codex:old-laptop'] } },
}
`
const CODEX = 'openai-codex/gpt-5.3-codex'
const OPUS = 'anthropic/claude-opus-4-6'

export async function tellLegacyStory(ctx: DemoContext, { standIn = false } = {}): Promise<StoryResult> {
  const { sb, server, io, say, run } = ctx
  const real = !standIn && !('missing' in locateOpenclaw('legacy'))
  let openclaw: string
  let detect: string[] = []
  if (real) {
    const install = await prepareOpenclaw('legacy', sb)
    if ('missing' in install) throw new Error(install.missing)
    io.info(`starting a ${install.version} gateway on 127.0.0.1 (token auth) for the session moves…`)
    const gateway = await startGateway(install, sb)
    ctx.onStop(() => gateway.stop())
    ctx.env = { ...install.env, ...gateway.env }
    openclaw = `OpenClaw ${install.version} from the cache, gateway on 127.0.0.1:${gateway.port}`
  } else {
    ctx.env = { OPENCLAW_BIN: join(ROOT, 'sandbox/standin-openclaw.mjs') }
    detect = ['--openclaw-version', '2026.2.22']
    openclaw = `a stand-in that answers from the sandbox files (${standIn ? '--stand-in' : 'no OpenClaw installed; .ci/install-tools brings the pinned releases'})`
  }
  io.info(`OpenClaw: ${openclaw}`)
  // Anthropic answers through an API key in the environment; the Codex accounts through OAuth.
  const withKey = { ANTHROPIC_API_KEY: 'sk-ant-demo-placeholder-not-a-key' }

  server.queue({ email: 'alice@example.com', accountId: 'acct-alice-0001', plan: 'plus' }, { email: 'bob@example.com', accountId: 'acct-bob-0002', plan: 'pro' })
  say('add-profile alice: the real codex CLI signs in (device flow) in a private CODEX_HOME')
  await run('add-profile', ['alice', '--issuer', server.issuer, '--yes', ...detect])
  say('add-profile bob: a second account, appended to the failover order')
  await run('add-profile', ['bob', '--issuer', server.issuer, '--yes', ...detect])

  say('render-config: the diff it would apply to a hand-made openclaw.json (dry run)')
  await writeFile(join(sb.stateDir, 'openclaw.json'), DEMO_CONFIG, { mode: 0o600 })
  await run('render-config', detect)
  say('render-config --write: validated by OpenClaw where one is installed, backed up, written atomically')
  await run('render-config', ['--write', ...detect])

  say('status: one row per profile')
  await run('status', ['--no-usage', ...detect], { env: withKey })

  // The usage endpoint is not part of this story: the cooldowns OpenClaw records decide (--no-usage).
  const check = ['--priority', `${CODEX},${OPUS}`, '--no-usage', ...detect]
  say(`check-and-switch, Codex first and Opus as the spare (--priority ${CODEX},${OPUS}): the first check settles the session`)
  await run('check-and-switch', check, { env: withKey })
  say('alice hits her usage limit (a cooldown, recorded the way OpenClaw records one): bob still answers, so nothing is printed')
  await setCooldowns(sb, ['openai-codex:alice'], 20 * 60_000)
  await run('check-and-switch', check, { env: withKey })
  say('bob hits his too: the session moves to Opus, in one line')
  await setCooldowns(sb, ['openai-codex:bob'], 45 * 60_000)
  await run('check-and-switch', check, { env: withKey })
  say('ten minutes later, still cooling down: silent again')
  await run('check-and-switch', check, { env: withKey })
  const statePath = join(sb.stateDir, 'workspace', 'memory', 'model-switch-state.json')
  const stateFile = JSON.parse(await readFile(statePath, 'utf8'))
  io.info(`state file ${statePath}:\n${JSON.stringify(stateFile, null, 2)}`)

  say('install-cron: check-and-switch every 10 minutes, by absolute paths, zero LLM tokens per check on 2026.6.5+')
  await run('install-cron', detect)
  say('the cooldowns end: the next check moves the session back to Codex')
  await setCooldowns(sb, ['openai-codex:alice', 'openai-codex:bob'], undefined)
  await run('check-and-switch', check, { env: withKey })

  say('doctor: every check with the command that fixes it')
  await run('doctor', detect, { env: withKey })
  say('remove-profile bob: out of the store and the config (nothing is revoked)')
  await run('remove-profile', ['bob', '--yes', ...detect])
  await run('status', ['--no-usage', ...detect], { env: withKey })
  return { openclaw, stateFile }
}

/** Sets (ms) or clears (undefined) a rate-limit cooldown the way OpenClaw records one. */
export async function setCooldowns(sb: Sandbox, profileIds: string[], ms: number | undefined, now = Date.now()): Promise<void> {
  await updateJsonStore(join(sb.stateDir, 'agents', 'main', 'agent', 'auth-profiles.json'), (store) => {
    const usageStats = { ...store.usageStats }
    for (const id of profileIds) {
      if (ms === undefined) delete usageStats[id]
      else usageStats[id] = { ...usageStats[id], errorCount: 1, failureCounts: { rate_limit: 1 }, lastFailureAt: now, cooldownUntil: now + ms }
    }
    return { store: { ...store, usageStats }, result: null }
  })
}
