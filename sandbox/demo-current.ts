// The current release's story of the demo (npm run demo, with OpenClaw 2026.9.6 installed): two
// accounts signed in with the real codex CLI, stored in OpenClaw's state database through its SDK,
// the config rendered and validated, OpenClaw's models pointed at the loopback backend (config
// only), a real turn answered by bob while alice is out, and check-and-switch putting the account
// with the most room first and moving the session off Codex before every account runs out.
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { DemoContext, StoryResult } from './demo.ts'
import { startCodexBackend } from './codex-backend.ts'
import { CODEX_MODEL, FALLBACK_MODEL, describeRequests, writeBackendOverlay } from './failover-world.ts'
import { freePort, startGateway } from './gateway.ts'
import { prepareOpenclaw } from './openclaw-install.ts'

// A config pasted by hand from an old how-to: an order of the retired openai-codex naming.
const DEMO_CONFIG = `{
  // pasted from a how-to for OpenClaw 2026.2
  auth: { order: { 'openai-codex': ['openai-codex:bob', 'openai-codex:old-laptop'] } },
}
`
const ANTHROPIC_KEY = 'sk-ant-demo-loopback-0000000000000'
const ACCOUNTS = [{ name: 'alice', accountId: 'acct-alice-0001', plan: 'plus' }, { name: 'bob', accountId: 'acct-bob-0002', plan: 'pro' }] as const

export async function tellCurrentStory(ctx: DemoContext): Promise<StoryResult> {
  const { sb, server, io, say, run } = ctx
  const install = await prepareOpenclaw('current', sb)
  if ('missing' in install) throw new Error(install.missing)
  const backend = await startCodexBackend({
    accounts: ACCOUNTS.map((a) => ({ accountId: a.accountId, label: `${a.name}@example.com`, plan: a.plan })),
    anthropicKeys: { anthropic: ANTHROPIC_KEY },
  })
  ctx.onStop(() => backend.close())
  // No gateway yet: a port nothing listens on, never the default one another gateway may hold.
  ctx.env = { ...install.env, CHATGPT_BASE_URL: backend.baseUrl, ANTHROPIC_API_KEY: ANTHROPIC_KEY, OPENCLAW_GATEWAY_PORT: String(await freePort()), OPENCLAW_GATEWAY_TOKEN: 'no-gateway-listens-here-000000' }
  const openclaw = `OpenClaw ${install.version} from the cache (state database), a loopback Codex backend on ${backend.origin}`
  io.info(`OpenClaw: ${openclaw}`)

  server.queue(...ACCOUNTS.map((a) => ({ email: `${a.name}@example.com`, accountId: a.accountId, plan: a.plan })))
  say('add-profile alice: the real codex CLI signs in (device flow) in a private CODEX_HOME; stored through OpenClaw\'s own plugin SDK')
  await run('add-profile', ['alice', '--issuer', server.issuer, '--yes'])
  say('add-profile bob: a second account, appended to the failover order')
  await run('add-profile', ['bob', '--issuer', server.issuer, '--yes'])

  say('render-config: the diff it would apply to a hand-made openclaw.json (dry run; the retired openai-codex order is dropped)')
  await writeFile(join(sb.stateDir, 'openclaw.json'), DEMO_CONFIG, { mode: 0o600 })
  await run('render-config', ['--primary', CODEX_MODEL.current, '--fallback', FALLBACK_MODEL])
  say('render-config --write: checked by OpenClaw 2026.9.6 (config validate), backed up, written atomically (0600)')
  await run('render-config', ['--write', '--primary', CODEX_MODEL.current, '--fallback', FALLBACK_MODEL])
  say('the demo points OpenClaw\'s models at the loopback backend (models.providers baseUrls, config only) and starts a gateway')
  await writeBackendOverlay(join(sb.stateDir, 'openclaw.json'), 'current', backend)
  const gateway = await startGateway(install, { env: { ...sb.env, ...ctx.env } })
  ctx.onStop(() => gateway.stop())
  Object.assign(ctx.env, gateway.env)

  say('status: one row per profile, with each account\'s 5-hour and weekly use as the usage endpoint reports it')
  await run('status')

  say('alice hits her usage limit; a real turn through the gateway: OpenClaw gets a 429 for alice and fails over to bob')
  backend.accounts.markOut(ACCOUNTS[0].accountId, { resetsInSeconds: 3 * 3600 })
  const from = backend.log.length
  io.info('$ openclaw agent --message hi --json')
  const turnResult = await runAgentTurn(ctx, install.openclaw)
  const asked = backend.log.slice(from)
  const requests = describeRequests(asked, { turnModel: CODEX_MODEL.current })
  const turnRequests = describeRequests(asked, { turnModel: CODEX_MODEL.current, sideCalls: 'omit' })
  io.info(`the backend was asked: ${requests}; the reply came from ${turnResult.answeredBy ?? 'nobody'}`)
  if (turnResult.answeredBy !== 'bob@example.com') throw new Error(`the turn was not answered by bob: ${requests}`)

  say('check-and-switch: the first check settles the session and puts bob (room) before alice (exhausted), in OpenClaw\'s own order')
  await run('check-and-switch')
  say('the next check: nothing changed, nothing printed (a cron job stays quiet)')
  await run('check-and-switch')
  say('bob reaches 95 % of his 5-hour window too: the session moves to Opus before a turn hits the wall, in one line')
  backend.accounts.setUsed(ACCOUNTS[1].accountId, 'five-hour', 95)
  await run('check-and-switch')
  say('alice\'s window resets: back to Codex, alice first again')
  backend.accounts.restore(ACCOUNTS[0].accountId)
  await run('check-and-switch')
  const statePath = join(sb.stateDir, 'workspace', 'memory', 'model-switch-state.json')
  const stateFile = JSON.parse(await readFile(statePath, 'utf8'))

  say('install-cron: a command job through the gateway, check-and-switch every 10 minutes, zero LLM tokens per check')
  await run('install-cron')
  say('doctor: every check with the command that fixes it')
  await run('doctor')
  say('remove-profile bob: out of the state database and the config (nothing is revoked)')
  await run('remove-profile', ['bob', '--yes'])
  await run('status', ['--no-usage'])
  return { openclaw, stateFile, turn: { ...(turnResult.answeredBy ? { answeredBy: turnResult.answeredBy } : {}), requests, turnRequests } }
}

async function runAgentTurn(ctx: DemoContext, openclaw: string): Promise<{ answeredBy?: string }> {
  const { spawn } = await import('node:child_process')
  const child = spawn(openclaw, ['agent', '--agent', 'main', '--message', 'hi', '--json', '--timeout', '240'], { env: { ...ctx.sb.env, ...ctx.env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  child.stdout.on('data', (d) => (out += d))
  child.stderr.on('data', (d) => (out += d))
  await new Promise((r) => child.on('close', r))
  ctx.sb.output.push(out)
  const answeredBy = /ok from ([\w.@+-]+)/.exec(out)?.[1]
  return answeredBy ? { answeredBy } : {}
}
