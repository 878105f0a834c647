// The demo's story (npm run demo), kept beside the test support it is built from so the demo test
// runs the same steps: two imports, render-config, status, a cooldown, check-and-switch switching
// and then staying silent, install-cron, doctor, remove-profile; no token in any output.
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Report, TaskIo } from '../lib/cli.ts'
import { startOAuthServer } from './oauth-server.ts'
import { createSandbox, findTokenLeak, type RunResult, type Sandbox } from './sandbox.ts'
import { openDemoWorld, setCooldowns, type DemoWorld } from './demo-world.ts'

// A config pasted by hand from an old how-to: a comment, and an order naming an account since removed.
const DEMO_CONFIG = `{
  // pasted from a how-to
  auth: { order: { 'openai-codex': ['openai-codex:bob', 'openai-codex:old-laptop'] } },
}
`
const CODEX = 'openai-codex/gpt-5.3-codex'
const OPUS = 'anthropic/claude-opus-4-6'

export interface DemoResult {
  sandbox: string
  openclaw: string
  steps: Array<{ step: string; code: number | null; stdout: string }>
  stateFile: unknown
  tokenLeak?: string
  seconds: number
}

export async function runDemo({ keep = false, standIn = false } = {}, io: TaskIo): Promise<Report> {
  const started = Date.now()
  const server = await startOAuthServer()
  const sb = await createSandbox()
  let world: DemoWorld | undefined
  const steps: DemoResult['steps'] = []
  let n = 0
  const say = (text: string) => io.info(`\n── ${++n}. ${text}`)
  const run = async (task: string, args: string[], { expect = 0, env = {} }: { expect?: number; env?: NodeJS.ProcessEnv } = {}): Promise<RunResult> => {
    io.info(`$ npm run ${task}${args.length ? ` -- ${args.join(' ')}` : ''}`)
    const r = await sb.run(task, args, { echo: !io.json, env: { ...world!.env, ...env } })
    steps.push({ step: `${task} ${args.join(' ')}`.trim(), code: r.code, stdout: r.stdout })
    if (r.code !== expect) throw new Error(`${task} exited ${r.code} (expected ${expect})`)
    return r
  }
  try {
    io.info(`sandbox: ${sb.root} (HOME, CODEX_HOME, OPENCLAW_STATE_DIR inside; removed at the end${keep ? ' unless --keep' : ''})`)
    io.info(`loopback OAuth server: ${server.issuer}`)
    world = await openDemoWorld(sb, { onProgress: io.info, standIn })
    io.info(`OpenClaw: ${world.name}`)
    const detect = world.detectArgs
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
    await run('status', detect, { env: withKey })

    const priority = ['--priority', `${CODEX},${OPUS}`]
    say(`check-and-switch, Codex first and Opus as the spare (${priority.join(' ')}): the first check settles the session`)
    await run('check-and-switch', priority, { env: withKey })
    say('alice hits her usage limit (a cooldown, recorded the way OpenClaw records one): bob still answers, so nothing is printed')
    await setCooldowns(sb, ['openai-codex:alice'], 20 * 60_000)
    await run('check-and-switch', priority, { env: withKey })
    say('bob hits his too: the session moves to Opus, in one line')
    await setCooldowns(sb, ['openai-codex:bob'], 45 * 60_000)
    await run('check-and-switch', priority, { env: withKey })
    say('ten minutes later, still cooling down: silent again')
    await run('check-and-switch', priority, { env: withKey })
    const statePath = join(sb.stateDir, 'workspace', 'memory', 'model-switch-state.json')
    const stateFile = JSON.parse(await readFile(statePath, 'utf8'))
    io.info(`state file ${statePath}:\n${JSON.stringify(stateFile, null, 2)}`)

    say('install-cron: check-and-switch every 10 minutes, by absolute paths, zero LLM tokens per check on 2026.6.5+')
    await run('install-cron', detect)
    say('the cooldowns end: the next check moves the session back to Codex')
    await setCooldowns(sb, ['openai-codex:alice', 'openai-codex:bob'], undefined)
    await run('check-and-switch', priority, { env: withKey })

    say('doctor: every check with the command that fixes it')
    await run('doctor', detect, { env: withKey })
    say('remove-profile bob: out of the store and the config (nothing is revoked)')
    await run('remove-profile', ['bob', '--yes', ...detect])
    await run('status', detect, { env: withKey })

    const tokenLeak = findTokenLeak(sb.output.join('\n'), server.issuedTokens)
    io.info(tokenLeak ? `\n✗ a token appeared in the output: ${tokenLeak}` : '\n✓ no token, nor any piece of one, appeared in any output')
    const seconds = Math.round((Date.now() - started) / 100) / 10
    const result: DemoResult = { sandbox: sb.root, openclaw: world.name, steps, stateFile, tokenLeak, seconds }
    return { data: result, lines: [`demo finished in ${seconds} s: ${steps.length} commands${keep ? `; sandbox kept at ${sb.root}` : '; sandbox removed'}`], exitCode: tokenLeak ? 1 : 0 }
  } finally {
    await world?.stop()
    await server.close()
    if (!keep) await sb.cleanup()
  }
}
