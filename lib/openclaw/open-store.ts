// Picks the adapter for a detected generation. A new generation adds an adapter file and a row here.
import { assertProfileName } from '../profile-name.ts'
import { detectOpenclaw, type Detection } from './detect.ts'
import { openJsonStore } from './json-store.ts'
import { resolveAgentDir, resolveConfigPath, resolveStateDir, type Env } from './state-dir.ts'
import type { AuthStore } from './store.ts'

export interface StoreContext {
  stateDir: string
  agentDir: string
  agentId: string
  env: Env
}

export async function openStore(detection: Detection, ctx: StoreContext): Promise<AuthStore> {
  switch (detection.store) {
    case 'json':
      return openJsonStore({ agentDir: ctx.agentDir, provider: detection.provider })
    case 'sqlite': {
      const { openSqliteStore } = await import('./sqlite-store.ts')
      return openSqliteStore({ ...ctx, provider: detection.provider, version: detection.version })
    }
  }
}

export interface AgentStore extends StoreContext {
  configPath: string
  detection: Detection
  store: AuthStore
}

/** Where an agent's state and config are, which generation holds them, and its store, opened. */
export async function openAgentStore({ agent = 'main', openclawVersion, env = process.env }: { agent?: string; openclawVersion?: string; env?: Env }): Promise<AgentStore> {
  const agentId = assertProfileName(agent, 'agent id')
  const stateDir = resolveStateDir(env)
  const agentDir = resolveAgentDir(stateDir, agentId)
  const detection = await detectOpenclaw({ stateDir, agentDir, override: openclawVersion, env })
  const ctx = { stateDir, agentDir, agentId, env }
  return { ...ctx, configPath: resolveConfigPath(env, stateDir), detection, store: await openStore(detection, ctx) }
}
