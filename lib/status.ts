// status: which account is which, which are cooling down, which need a new login, and where each
// stands in the failover order. Read-only: the store, the config, and OpenClaw's own `models status`
// where it can be run (it adds the windows and the order OpenClaw computes).
import { CafError } from './errors.ts'
import { loadConfig } from './openclaw/config.ts'
import { loadModelsStatus } from './openclaw/models-status.ts'
import { openAgentStore } from './openclaw/open-store.ts'
import type { Env } from './openclaw/state-dir.ts'
import { loadCodexUsage } from './account-usage.ts'
import { resolveStatusView, type StatusView } from './status-view.ts'
import type { TaskIo } from './cli.ts'

export interface StatusOptions {
  /** Ask the usage endpoint about every Codex account (default); false: no network. */
  usage?: boolean
  threshold?: number
  agent?: string
  openclawVersion?: string
  env?: Env
  now?: number
}

export async function loadStatus(opts: StatusOptions, io: TaskIo): Promise<StatusView> {
  const { env = process.env } = opts
  const { agentId, configPath, detection, store } = await openAgentStore({ agent: opts.agent, openclawVersion: opts.openclawVersion, env, signal: io.signal })
  const profiles = await store.listProfiles()
  const storeOrder = await store.loadOrder()
  const { data: config } = await loadConfig(configPath)
  const notes: string[] = []
  const now = opts.now ?? Date.now()
  // OpenClaw's view and the usage endpoint side by side.
  const [modelsStatus, usage] = await io.spinner('asking OpenClaw (models status) and the usage endpoint…', () => Promise.all([
    detection.source === 'state-dir'
      ? (notes.push('no OpenClaw to run (set OPENCLAW_BIN): shown from the store and the config alone; the order is computed here'), undefined)
      : loadModelsStatus(env, { agentId: agentId === 'main' ? undefined : agentId, signal: io.signal }).catch((err: unknown) => {
        if (!(err instanceof CafError)) throw err
        notes.push(`${err.message}: shown from the store and the config alone; the order is computed here`)
        return undefined
      }),
    opts.usage === false ? undefined : loadCodexUsage({ store, env, signal: io.signal, now }),
  ]))
  if (usage && usage.readings.length && usage.readings.every((r) => r.reading.status === 'unknown')) notes.push(`the usage endpoint ${usage.baseUrl} gave no answer for any account (${(usage.readings[0]!.reading as { reason: string }).reason})`)
  return resolveStatusView({ detection, storePath: store.path, configPath, profiles, storeOrder, config, modelsStatus, usage: usage?.readings, threshold: opts.threshold, notes, now })
}
