// The one preamble every command opens OpenClaw's state through: which agent, where its state and
// config are, which release holds them (detect.ts, read against releases.ts), and its credential
// store, opened by the adapter that release names. Adapters are lib/openclaw/stores/<store>.ts,
// each exporting `adapter`; a new storage generation is a new file there and a new timeline row.
import { CafError } from '../errors.ts'
import { assertProfileName } from '../profile-name.ts'
import { detectOpenclaw, type Detection } from './detect.ts'
import { resolveAgentDir, resolveConfigPath, resolveStateDir, type Env } from './state-dir.ts'
import type { AuthStore, StoreAdapter, StoreContext } from './store.ts'

export async function loadStoreAdapter(store: string): Promise<StoreAdapter> {
  // A computed path on purpose: the timeline row names the file (esbuild bundles every match).
  const mod = await import(`./stores/${store}.ts`).catch((cause) => {
    throw new CafError(`no credential store adapter lib/openclaw/stores/${store}.ts for this OpenClaw release`, { cause })
  }) as { adapter?: StoreAdapter }
  if (!mod.adapter) throw new CafError(`lib/openclaw/stores/${store}.ts exports no adapter`)
  return mod.adapter
}

export interface AgentState extends StoreContext {
  configPath: string
  detection: Detection
  /** Where the credentials are, known before (and whether or not) the store can be opened. */
  storePath: string
  /** Opens the store (on 2026.6.5+ this finds the installed OpenClaw and its plugin SDK). */
  openStore(): Promise<AuthStore>
}

export interface AgentOptions {
  agent?: string
  openclawVersion?: string
  env?: Env
  signal?: AbortSignal
}

/** Where an agent's state and config are and which release holds them; the store is opened on demand. */
export async function openAgent({ agent = 'main', openclawVersion, env = process.env, signal }: AgentOptions): Promise<AgentState> {
  const agentId = assertProfileName(agent, 'agent id')
  const stateDir = resolveStateDir(env)
  const agentDir = resolveAgentDir(stateDir, agentId)
  const detection = await detectOpenclaw({ stateDir, agentDir, override: openclawVersion, env, signal })
  const ctx: StoreContext = { stateDir, agentDir, agentId, env, signal, release: detection }
  const adapter = await loadStoreAdapter(detection.store)
  return {
    ...ctx,
    configPath: resolveConfigPath(env, stateDir),
    detection,
    storePath: adapter.resolveStorePath(ctx),
    openStore: () => adapter.openStore(ctx),
  }
}

/** openAgent, with the store opened. */
export async function openAgentStore(opts: AgentOptions): Promise<AgentState & { store: AuthStore }> {
  const agent = await openAgent(opts)
  return { ...agent, store: await agent.openStore() }
}
