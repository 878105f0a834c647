// doctor's one IO step: everything the checks look at, read once. Reading only: nothing here writes,
// creates a directory or takes a lock. What cannot be read becomes a one-line reason in the snapshot
// (a check reports it); only not knowing which OpenClaw this is stops doctor outright.
import { readFile } from 'node:fs/promises'
import { resolveCodexAuthPath, resolveCodexRefreshDigest } from '../codex-auth-file.ts'
import { CafError } from '../errors.ts'
import { loadConfig } from '../openclaw/config.ts'
import { resolveCronStorePath } from '../openclaw/cron-store.ts'
import { parseModelsStatus, type ModelsStatus } from '../openclaw/models-status.ts'
import { openAgent } from '../openclaw/open-store.ts'
import { describeFailure, runOpenclaw, type RunContext } from '../openclaw/runner.ts'
import type { Env } from '../openclaw/state-dir.ts'
import { resolveStatePath as resolveSwitchStatePath } from '../switch-state.ts'
import { loadCodexUsage } from '../account-usage.ts'
import { loadCronView } from './gather-cron.ts'
import { loadDoctorFiles } from './gather-files.ts'
import type { ProfileSummary } from '../openclaw/store.ts'
import type { CodexLogin, DoctorSnapshot, Gathered } from './snapshot.ts'

export interface GatherOptions {
  agentId: string
  openclawVersion?: string
  env: Env
  signal?: AbortSignal
  now: number
}

export async function loadDoctorSnapshot({ agentId, openclawVersion, env, signal, now }: GatherOptions): Promise<DoctorSnapshot> {
  const agent = await openAgent({ agent: agentId, openclawVersion, env, signal })
  const { stateDir, configPath, detection, storePath } = agent
  const config = await gather(async () => {
    const { path, text, data } = await loadConfig(configPath)
    return { path, exists: text !== undefined, data }
  })
  const configData = config.ok ? config.value.data : {}
  // The slow parts (OpenClaw's CLI, its SDK, the gateway) run side by side.
  const [store, modelsStatus, cron] = await Promise.all([
    gather(async () => {
      const opened = await agent.openStore()
      const [profiles, order, usage] = await Promise.all([opened.listProfiles(), opened.loadOrder(), gather(async () => (await loadCodexUsage({ store: opened, env, signal, now })).readings)])
      return { profiles, order, usage }
    }),
    detection.source === 'state-dir' ? undefined : loadModelsStatusIfRunnable({ env, signal }, agentId),
    loadCronView({ detection, env, signal, stateDir, config: configData, agentId }),
  ])
  const profiles: Gathered<ProfileSummary[]> = store.ok ? { ok: true, value: store.value.profiles } : store
  const files = await loadDoctorFiles({
    files: [storePath, configPath, resolveCronStorePath({ stateDir, config: configData }), resolveSwitchStatePath({ config: configData, stateDir, agentId })],
    now,
  })
  const storeOrder = store.ok ? store.value.order : undefined
  const usage = store.ok ? store.value.usage : undefined
  return { now, detection, agentId, storePath, profiles, storeOrder, config, modelsStatus, usage, codexLogin: await loadCodexLogin(env), files, cron }
}

/** `models status --json`, or undefined when no OpenClaw can be run (--openclaw-version without one). */
async function loadModelsStatusIfRunnable(ctx: RunContext, agentId: string): Promise<Gathered<ModelsStatus> | undefined> {
  const r = await runOpenclaw(['models', 'status', '--json', ...(agentId === 'main' ? [] : ['--agent', agentId])], ctx)
  if (r.exitCode === 127) return undefined
  if (!r.ok) return { ok: false, error: describeFailure(r) }
  return gather(async () => parseModelsStatus(r.stdout))
}

async function loadCodexLogin(env: Env): Promise<CodexLogin | undefined> {
  const path = resolveCodexAuthPath(env)
  const text = await readFile(path, 'utf8').catch(() => undefined)
  if (text === undefined) return undefined
  const refreshDigest = resolveCodexRefreshDigest(text)
  return { path, ...(refreshDigest ? { refreshDigest } : {}) }
}

/** A one-line reason instead of a throw, for what a check reports. Unexpected errors still throw. */
async function gather<T>(read: () => Promise<T>): Promise<Gathered<T>> {
  try {
    return { ok: true, value: await read() }
  } catch (err) {
    if (err instanceof CafError) return { ok: false, error: err.message.split('\n')[0]! }
    throw err
  }
}
