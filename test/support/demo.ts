// The demo's story, kept beside the test support it is built from (the loopback OAuth server and
// the sandbox), so `npm run demo` and the demo test run the same steps.
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Report, TaskIo } from '../../lib/cli.ts'
import { startOAuthServer } from './oauth-server.ts'
import { createSandbox, findTokenLeak, type Sandbox } from './sandbox.ts'
import { locateOpenclaw, requireOpenclaw } from './tools.ts'

// A config pasted by hand from an old how-to: a comment, and an order naming an account since removed.
const DEMO_CONFIG = `{
  // pasted from a how-to
  auth: { order: { 'openai-codex': ['openai-codex:bob', 'openai-codex:old-laptop'] } },
}
`

export interface DemoResult {
  sandbox: string
  openclaw: string
  profiles: Array<{ profileId: string; email?: string; accountId?: string; expires?: number }>
  tokenLeak?: string
}

export async function runDemo({ keep = false } = {}, io: TaskIo): Promise<Report> {
  const server = await startOAuthServer()
  const sb = await createSandbox()
  const step = (n: number, text: string) => io.info(`\n── ${n}. ${text}`)
  try {
    io.info(`sandbox: ${sb.root} (HOME, CODEX_HOME, OPENCLAW_STATE_DIR all inside; removed at the end${keep ? ' unless --keep' : ''})`)
    io.info(`loopback OAuth server: ${server.issuer}`)
    const { openclawArgs, openclawName, env } = await pickOpenclaw(sb)
    io.info(`OpenClaw: ${openclawName}`)

    server.queue({ email: 'alice@example.com', accountId: 'acct-alice-0001', plan: 'plus' }, { email: 'bob@example.com', accountId: 'acct-bob-0002', plan: 'pro' })
    step(1, 'add-profile alice: the real codex CLI signs in (device flow) in a private CODEX_HOME')
    await expectOk(sb, ['alice', '--issuer', server.issuer, '--yes', ...openclawArgs], env)
    step(2, 'add-profile bob: a second account, appended to the failover order')
    await expectOk(sb, ['bob', '--issuer', server.issuer, '--yes', ...openclawArgs], env)

    step(3, 'what was written (tokens are never shown)')
    const storePath = join(sb.stateDir, 'agents', 'main', 'agent', 'auth-profiles.json')
    const profiles = await summarizeStore(storePath)
    for (const p of profiles) io.info(`  ${p.profileId}  ${p.email}  account ${p.accountId}  expires ${new Date(p.expires ?? 0).toISOString()}`)

    step(4, 'render-config: the diff it would apply to the sandbox openclaw.json (a dry run; --write applies it)')
    await writeFile(join(sb.stateDir, 'openclaw.json'), DEMO_CONFIG, { mode: 0o600 })
    const render = await sb.run('render-config', openclawArgs, { echo: true, env })
    if (render.code !== 0) throw new Error(`render-config exited ${render.code}`)

    const tokenLeak = findTokenLeak(sb.output.join('\n'), server.issuedTokens)
    io.info(tokenLeak ? `✗ a token appeared in the output: ${tokenLeak}` : '\n✓ no token, nor any piece of one, appeared in any output')
    const result: DemoResult = { sandbox: sb.root, openclaw: openclawName, profiles, tokenLeak }
    return { data: result, lines: [`demo finished: ${profiles.length} profiles imported${keep ? `; sandbox kept at ${sb.root}` : ''}`] }
  } finally {
    await server.close()
    if (!keep) await sb.cleanup()
  }
}

async function pickOpenclaw(sb: Sandbox) {
  const found = locateOpenclaw('legacy')
  if ('skip' in found) {
    return { openclawArgs: ['--openclaw-version', '2026.2.22'], openclawName: `none installed; acting as 2026.2.22 (auth-profiles.json) via --openclaw-version`, env: {} }
  }
  const install = await requireOpenclaw('legacy', sb.root)
  if ('skip' in install) throw new Error(install.skip)
  return { openclawArgs: [], openclawName: `${install.version} from the test cache`, env: install.env }
}

async function expectOk(sb: Sandbox, args: string[], env: NodeJS.ProcessEnv) {
  const r = await sb.run('add-profile', args, { echo: true, env })
  if (r.code !== 0) throw new Error(`add-profile ${args[0]} exited ${r.code}`)
}

async function summarizeStore(path: string) {
  const store = JSON.parse(await readFile(path, 'utf8'))
  return Object.entries(store.profiles as Record<string, { email?: string; accountId?: string; expires?: number }>).map(([profileId, p]) => ({ profileId, email: p.email, accountId: p.accountId, expires: p.expires }))
}
