// Where OpenClaw keeps its state, as OpenClaw resolves it: $OPENCLAW_STATE_DIR, else ~/.openclaw.
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { assertProfileName } from '../profile-name.ts'

export type Env = Record<string, string | undefined>

export function resolveStateDir(env: Env = process.env): string {
  const dir = env.OPENCLAW_STATE_DIR?.trim()
  if (!dir) return join(homedir(), '.openclaw')
  return resolve(dir.startsWith('~') ? join(homedir(), dir.slice(1)) : dir)
}

export function resolveConfigPath(env: Env = process.env, stateDir = resolveStateDir(env)): string {
  return env.OPENCLAW_CONFIG_PATH?.trim() ? resolve(env.OPENCLAW_CONFIG_PATH) : join(stateDir, 'openclaw.json')
}

/** agents/<id>/agent; the id is checked like a profile name so it cannot leave the state dir. */
export function resolveAgentDir(stateDir: string, agentId = 'main'): string {
  return join(stateDir, 'agents', assertProfileName(agentId, 'agent id'), 'agent')
}
