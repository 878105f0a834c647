// npm run demo: the whole workflow in a throw-away sandbox, told step by step. By default the
// current release's story (provider openai, the state database, a real turn against the loopback
// backend) when OpenClaw 2026.9.6 is installed; `--legacy` tells the 2026.2 story (auth-profiles.json).
// Without the pinned releases a stand-in for the `openclaw` CLI plays the JSON-store generation, and
// the demo says what needs the real release. No token reaches any output: the last step checks.
import type { Report, TaskIo } from '../lib/cli.ts'
import { tellCurrentStory } from './demo-current.ts'
import { tellLegacyStory } from './demo-legacy.ts'
import { locateOpenclaw } from './openclaw-install.ts'
import { startOAuthServer, type OAuthServer } from './oauth-server.ts'
import { createSandbox, findTokenLeak, type RunResult, type Sandbox } from './sandbox.ts'

export interface DemoResult {
  sandbox: string
  /** What played OpenClaw, in one line. */
  openclaw: string
  story: 'current' | 'legacy'
  steps: Array<{ step: string; code: number | null; stdout: string }>
  stateFile: unknown
  /** Who answered the real turn, when the story ran one. */
  /** requests: every Codex/Anthropic request meanwhile, OpenClaw's side calls marked [model]; turnRequests: the turn's own. */
  turn?: { answeredBy?: string; requests: string; turnRequests: string }
  tokenLeak?: string
  seconds: number
}

/** What a story gets: the sandbox, the OAuth server, and a way to run a command as the user would. */
export interface DemoContext {
  sb: Sandbox
  server: OAuthServer
  io: TaskIo
  /** A numbered step heading. */
  say(text: string): void
  run(task: string, args?: string[], opts?: { expect?: number; env?: NodeJS.ProcessEnv }): Promise<RunResult>
  /** The environment every command of the story runs with (set by the story once OpenClaw is up). */
  env: NodeJS.ProcessEnv
  steps: DemoResult['steps']
  /** What the story started (a gateway, the backend), stopped at the end whatever happens. */
  onStop(fn: () => Promise<void>): void
}

export interface StoryResult {
  openclaw: string
  stateFile: unknown
  turn?: DemoResult['turn']
}

export async function runDemo({ keep = false, standIn = false, legacy = false } = {}, io: TaskIo): Promise<Report> {
  const started = Date.now()
  // Ten-year access tokens: OpenClaw then never tries a refresh at auth.openai.com.
  const server = await startOAuthServer({ accessTtlSec: 10 * 365 * 86_400 })
  const sb = await createSandbox()
  let n = 0
  const stops: Array<() => Promise<void>> = []
  const ctx: DemoContext = {
    sb, server, io, env: {}, steps: [], onStop: (fn) => void stops.unshift(fn),
    say: (text) => io.info(`\n── ${++n}. ${text}`),
    async run(task, args = [], { expect = 0, env = {} } = {}) {
      io.info(`$ npm run ${task}${args.length ? ` -- ${args.join(' ')}` : ''}`)
      const r = await sb.run(task, args, { echo: !io.json, env: { ...ctx.env, ...env } })
      ctx.steps.push({ step: `${task} ${args.join(' ')}`.trim(), code: r.code, stdout: r.stdout })
      if (r.code !== expect) throw new Error(`${task} exited ${r.code} (expected ${expect})`)
      return r
    },
  }
  const current = !legacy && !standIn && !('missing' in locateOpenclaw('current'))
  try {
    io.info(`sandbox: ${sb.root} (HOME, CODEX_HOME, OPENCLAW_STATE_DIR inside; removed at the end${keep ? ' unless --keep' : ''})`)
    io.info(`loopback OAuth server: ${server.issuer}`)
    if (!legacy && !current) {
      io.info(standIn
        ? 'the current release\'s story needs the real OpenClaw 2026.9.6; with --stand-in the demo tells the 2026.2 story, and the real turn is left out'
        : 'OpenClaw 2026.9.6 is not installed (.ci/install-tools brings it): telling the 2026.2 story instead; the current release\'s story and its real turn need the real release')
    }
    const story = current ? await tellCurrentStory(ctx) : await tellLegacyStory(ctx, { standIn })
    const tokenLeak = findTokenLeak(sb.output.join('\n'), server.issuedTokens)
    io.info(tokenLeak ? `\n✗ a token appeared in the output: ${tokenLeak}` : '\n✓ no token, nor any piece of one, appeared in any output')
    const seconds = Math.round((Date.now() - started) / 100) / 10
    const result: DemoResult = {
      sandbox: sb.root, openclaw: story.openclaw, story: current ? 'current' : 'legacy', steps: ctx.steps, stateFile: story.stateFile,
      ...(story.turn ? { turn: story.turn } : {}), ...(tokenLeak ? { tokenLeak } : {}), seconds,
    }
    return { data: result, lines: [`demo finished in ${seconds} s: ${ctx.steps.length} commands${keep ? `; sandbox kept at ${sb.root}` : '; sandbox removed'}`], exitCode: tokenLeak ? 1 : 0 }
  } finally {
    for (const stop of stops) await stop().catch(() => {})
    await server.close()
    if (!keep) await sb.cleanup()
  }
}
