// A sandbox per pinned OpenClaw release, set up as check-and-switch meets it in real use: two Codex
// profiles, the config's primary (the Codex model) and fallback (Opus, answering through an
// environment key), and a state file that already names the model, so a check that finds nothing
// changed is the quiet path a cron job takes every 10 minutes.
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { resolveAgentDir } from '../lib/openclaw/state-dir.ts'
import { createSandbox, type Sandbox } from '../sandbox/sandbox.ts'
import { freePort } from '../sandbox/gateway.ts'
import { locateOpenclaw, prepareOpenclaw, type Era, type OpenclawInstall } from '../sandbox/openclaw-install.ts'
import { resolveSyntheticProfiles, writeJsonStore, writeSqliteStore } from './stores.ts'

export const OPUS = 'anthropic/claude-opus-4-6'

export interface World {
  era: Era
  sb: Sandbox
  oc: OpenclawInstall
  provider: string
  codexModel: string
  profileIds: string[]
  statePath: string
  /** Sandbox env + the release on PATH with the loopback guard + Anthropic's key. */
  env: NodeJS.ProcessEnv
}

/** The world for a release, or why there is none (the release is not installed). */
export async function createWorld(era: Era): Promise<World | { skip: string }> {
  const found = locateOpenclaw(era)
  if ('missing' in found) return { skip: found.missing }
  const sb = await createSandbox()
  const oc = (await prepareOpenclaw(era, sb)) as OpenclawInstall
  const provider = era === 'legacy' ? 'openai-codex' : 'openai'
  const codexModel = era === 'legacy' ? 'openai-codex/gpt-5.3-codex' : 'openai/gpt-5.5'
  // A gateway port nothing listens on: never the default, which another gateway on the machine may hold.
  const env = { ...sb.env, ...oc.env, ANTHROPIC_API_KEY: 'sk-ant-bench-placeholder-0000000000', OPENCLAW_GATEWAY_PORT: String(await freePort()), OPENCLAW_GATEWAY_TOKEN: 'no-gateway-listens-here-000000' }
  const profiles = resolveSyntheticProfiles(2, provider, { prefix: 'acct' })
  if (era === 'legacy') await writeJsonStore(resolveAgentDir(sb.stateDir), profiles)
  else await writeSqliteStore({ node: oc.node, packageDir: oc.packageDir, stateDir: sb.stateDir, env, profiles })
  // 2026.9 runs openai/* through the codex harness plugin (fetched on first use) unless told otherwise.
  const models = { [codexModel]: era === 'current' ? { agentRuntime: { id: 'openclaw' } } : {}, [OPUS]: { alias: 'opus' } }
  await writeFile(join(sb.stateDir, 'openclaw.json'), JSON.stringify({ agents: { defaults: { model: { primary: codexModel, fallbacks: [OPUS] }, models } } }, null, 2))
  const statePath = join(sb.stateDir, 'workspace', 'memory', 'model-switch-state.json')
  await mkdir(join(sb.stateDir, 'workspace', 'memory'), { recursive: true, mode: 0o700 })
  await writeFile(statePath, JSON.stringify({ lastEffectiveModel: codexModel, priority: [codexModel, OPUS] }, null, 2), { mode: 0o600 })
  return { era, sb, oc, provider, codexModel, profileIds: profiles.map((p) => p.profileId), statePath, env }
}
