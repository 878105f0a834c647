// A world in which real OpenClaw turns are answered by the loopback backend: Codex accounts stored
// by add-profile, the config written by render-config --write, and on top of it only what points
// the models at 127.0.0.1 (the provider baseUrls, config only). Tests, the demo and the bench use
// it; the backend's request log is the witness of which account was asked and what it answered.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { updateConfig } from '../lib/openclaw/config.ts'
import { writeCodexLogin, resolveLoopbackAccount, type LoopbackAccount } from './codex-logins.ts'
import { startCodexBackend, type CodexBackend, type CodexBackendOptions, type LogEntry } from './codex-backend.ts'
import { freePort, startGateway, type Gateway } from './gateway.ts'
import type { Era, OpenclawInstall } from './openclaw-install.ts'
import type { Sandbox } from './sandbox.ts'

export const CODEX_MODEL: Record<Era, string> = { legacy: 'openai-codex/gpt-5.3-codex', current: 'openai/gpt-5.5' }
export const CODEX_PROVIDER: Record<Era, string> = { legacy: 'openai-codex', current: 'openai' }
export const FALLBACK_MODEL = 'anthropic/claude-opus-4-6'
/** The Anthropic key the backend accepts; OpenClaw reads it from the environment. Not a real key. */
const ANTHROPIC_KEY = 'sk-ant-loopback-0000000000000000'

export interface FailoverWorld {
  era: Era
  sb: Sandbox
  oc: OpenclawInstall
  backend: CodexBackend
  accounts: LoopbackAccount[]
  /** Everything a command in this world runs with: the release, the backend as usage endpoint, the key. */
  env: NodeJS.ProcessEnv
  gateway?: Gateway
  startGateway(): Promise<Gateway>
  /** One real turn: `openclaw agent` (--local, or through the gateway once started). */
  turn(opts?: TurnOptions): Promise<TurnResult>
  close(): Promise<void>
}

export interface TurnOptions {
  local?: boolean
  agent?: string
  sessionId?: string
  /** What the user says (default "hi"). */
  message?: string
}

export interface TurnResult {
  code: number | null
  /** Whose account the reply names ("ok from bob@example.com"), or the Anthropic label. */
  answeredBy?: string
  /** The backend's log entries of this turn. */
  requests: LogEntry[]
  ms: number
  stdout: string
  stderr: string
}

export interface FailoverWorldOptions {
  names?: string[]
  /** Render an Anthropic fallback (the default) or none. */
  fallback?: boolean
  /** Called with every token minted, for a secrets scan. */
  onTokens?: (...tokens: string[]) => void
  /** A scripted model answering the Codex turns (tool calls, say); by default text naming the account. */
  model?: CodexBackendOptions['model']
}

export async function openFailoverWorld(sb: Sandbox, oc: OpenclawInstall, era: Era, { names = ['alice', 'bob'], fallback = true, onTokens, model }: FailoverWorldOptions = {}): Promise<FailoverWorld> {
  const accounts = names.map((n) => resolveLoopbackAccount(n))
  const backend = await startCodexBackend({
    accounts: accounts.map((a) => ({ accountId: a.accountId, label: a.email, plan: a.plan })),
    anthropicKeys: { anthropic: ANTHROPIC_KEY },
    ...(model ? { model, zstdNode: oc.node } : {}),
  })
  const env: NodeJS.ProcessEnv = {
    ...oc.env,
    CHATGPT_BASE_URL: backend.baseUrl,
    ANTHROPIC_API_KEY: ANTHROPIC_KEY,
    // A port nothing listens on until this world's own gateway starts: never the default one.
    OPENCLAW_GATEWAY_PORT: String(await freePort()),
    OPENCLAW_GATEWAY_TOKEN: 'no-gateway-listens-here-000000',
  }
  const world: FailoverWorld = {
    era, sb, oc, backend, accounts, env,
    async startGateway() {
      world.gateway = await startGateway(oc, { env: { ...sb.env, ...env } })
      Object.assign(env, world.gateway.env)
      return world.gateway
    },
    turn: (opts) => runTurn(world, opts),
    async close() {
      await world.gateway?.stop()
      await backend.close()
    },
  }
  try {
    for (const a of accounts) {
      const from = await writeCodexLogin(sb.tmp, a, { onTokens })
      const r = await sb.run('add-profile', [a.name, '--from', from, '--yes'], { env })
      if (r.code !== 0) throw new Error(`add-profile ${a.name}: ${r.stderr.trim().split('\n').at(-1)}`)
    }
    const render = await sb.run('render-config', ['--write', '--primary', CODEX_MODEL[era], ...(fallback ? ['--fallback', FALLBACK_MODEL] : ['--fallback', CODEX_MODEL[era]])], { env })
    if (render.code !== 0) throw new Error(`render-config --write: ${render.stderr.trim().split('\n').at(-1)}`)
    await writeBackendOverlay(sb.env.OPENCLAW_CONFIG_PATH ?? join(sb.stateDir, 'openclaw.json'), era, backend)
  } catch (err) {
    await world.close()
    throw err
  }
  return world
}

/** The models' endpoints on 127.0.0.1, by config only, on top of what render-config wrote. */
export async function writeBackendOverlay(configPath: string, era: Era, backend: CodexBackend): Promise<void> {
  await updateConfig(configPath, ({ data }) => {
    const c = structuredClone(data) as { models?: { providers?: Record<string, unknown> } }
    const providers = { ...c.models?.providers }
    if (era === 'legacy') {
      // 2026.2.22: an override-only provider (naming an api is rejected); it calls {baseUrl}/codex/responses.
      providers['openai-codex'] = { baseUrl: backend.baseUrl, models: [] }
      providers.anthropic = { baseUrl: backend.origin, models: [] }
    } else {
      // 2026.9.6: without api the Platform adapter is kept and no profile of ours is usable.
      providers.openai = { baseUrl: `${backend.baseUrl}/codex`, api: 'openai-chatgpt-responses' }
      providers.anthropic = { baseUrl: backend.origin }
    }
    return { data: { ...c, models: { ...c.models, providers } }, result: null }
  })
}

async function runTurn(world: FailoverWorld, { local = !world.gateway, agent = 'main', sessionId, message = 'hi' }: TurnOptions = {}): Promise<TurnResult> {
  const from = world.backend.log.length
  const started = Date.now()
  const args = ['agent', ...(local ? ['--local'] : []), '--agent', agent, '--message', message, '--json', '--timeout', '240', ...(sessionId ? ['--session-id', sessionId] : [])]
  const child = spawn(world.oc.openclaw, args, { env: { ...world.sb.env, ...world.env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d) => (stdout += d))
  child.stderr.on('data', (d) => (stderr += d))
  const code = await new Promise<number | null>((r) => child.on('close', r))
  world.sb.output.push(stdout, stderr)
  const answeredBy = /ok from ([\w.@+-]+)/.exec(stdout)?.[1]
  return { code, ...(answeredBy ? { answeredBy } : {}), requests: world.backend.log.slice(from), ms: Date.now() - started, stdout, stderr }
}

/**
 * "alice@example.com 429, bob@example.com 200" for a turn's Codex and Anthropic requests. A request
 * for another model than the turn's is OpenClaw's own side call, not part of the turn, and is
 * marked so: 2026.9.6's gateway asks its utility model (defaultUtilityModel gpt-5.6-luna, e.g. for
 * a session's title) beside the turn, through the first profile in the order, as
 * "alice@example.com 429 [gpt-5.6-luna]". 2026.9.6 compresses the turn's own bodies, whose model
 * the backend logs as "unknown"; a side call's body it can read.
 */
export function describeRequests(requests: readonly LogEntry[], { turnModel, sideCalls = 'mark' }: { turnModel?: string; sideCalls?: 'mark' | 'omit' } = {}): string {
  return requests.filter((e) => /responses|messages/.test(e.route) && e.status !== 426)
    .map((e) => ({ e, side: isSideCall(e, turnModel) }))
    .filter(({ side }) => !(side && sideCalls === 'omit'))
    .map(({ e, side }) => `${e.label ?? e.account ?? '?'} ${e.status}${side ? ` [${e.model}]` : ''}`).join(', ')
}

/** A Codex request for a model the backend could read and that is not the turn's. */
export function isSideCall(e: LogEntry, turnModel: string | undefined): boolean {
  const model = turnModel?.split('/').at(-1)
  return model !== undefined && e.route.includes('codex/responses') && e.model !== undefined && e.model !== 'unknown' && e.model !== model
}
