// check-and-switch's memory between runs: <workspace>/memory/model-switch-state.json, changed only
// through the file-update transaction, so two overlapping runs (the cron job and a manual one) take
// turns and the later one starts from what the earlier one wrote.
import { join } from 'node:path'
import { z } from 'zod'
import { BadFile } from './errors.ts'
import { loadFile, updateFile, type FileKind, type UpdateOptions, type UpdateOutcome, type Updater } from './file-update.ts'
import type { ConfigData } from './openclaw/config.ts'
import type { ModelsStatus } from './openclaw/models-status.ts'

const profileStatus = z.union([
  z.object({ status: z.literal('available') }),
  z.object({ status: z.literal('unusable'), kind: z.string(), reason: z.string().optional(), until: z.string() }),
])

const usageWindow = z.object({ usedPercent: z.number(), resetAt: z.string().optional() })

const stateSchema = z.object({
  lastEffectiveModel: z.string().optional(),
  lastCheckedAt: z.string().optional(),
  /** The priority the first run saw; kept so --global (which rewrites the config's primary) stays stable. */
  priority: z.array(z.string()).optional(),
  profileStatuses: z.record(z.string(), profileStatus).optional(),
  /** The user's own order of the Codex profiles, kept while OpenClaw's order is one this tool set. */
  userOrder: z.array(z.string()).optional(),
  /** The order this tool last set, to tell it from one the user set since. */
  appliedOrder: z.array(z.string()).optional(),
  /** The usage each Codex account showed at the last check, and where it stood. */
  usage: z.record(z.string(), z.object({
    status: z.string(),
    standing: z.string(),
    plan: z.string().optional(),
    fiveHour: usageWindow.optional(),
    week: usageWindow.optional(),
  }).loose()).optional(),
  usageCheckedAt: z.string().optional(),
}).loose()

export type SwitchState = z.infer<typeof stateSchema>

/**
 * main's is model-switch-state.json; another agent's sits beside it as model-switch-state.<id>.json
 * (the id is a checked name), so one folder holds every agent's checks whatever each agent's own
 * workspace is, and two agents' checks never share a file or its lock.
 */
export function resolveStatePath({ config, stateDir, agentId = 'main' }: { config: ConfigData; stateDir: string; agentId?: string }): string {
  const defaults = (config.agents as { defaults?: { workspace?: unknown } } | undefined)?.defaults
  const workspace = typeof defaults?.workspace === 'string' && defaults.workspace ? defaults.workspace : join(stateDir, 'workspace')
  return join(workspace, 'memory', agentId === 'main' ? 'model-switch-state.json' : `model-switch-state.${agentId}.json`)
}

/**
 * The state file as lib/file-update.ts reads and writes it. It is rewritten at every check, so no
 * backups; a check holds its lock from reading the state to writing it (models status and the
 * switch in between can take a minute on a slow machine), so the lock is not judged stale by age
 * before ten minutes; a dead holder's lock is taken over at once, as always.
 */
export const SWITCH_STATE: FileKind<SwitchState> = {
  label: 'state file',
  parse: parseSwitchState,
  empty: () => ({}),
  format: (state) => `${JSON.stringify(state, null, 2)}\n`,
  backups: false,
  lock: { staleMs: 10 * 60_000 },
}

export function parseSwitchState(text: string, path: string): SwitchState {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    throw new BadFile(path, 'is not valid JSON; delete it and the next run starts afresh')
  }
  const r = stateSchema.safeParse(raw)
  if (!r.success) throw new BadFile(path, `is not a check-and-switch state file (${r.error.issues[0]?.path.join('.')}); delete it and the next run starts afresh`)
  return r.data
}

export async function loadSwitchState(path: string): Promise<SwitchState> {
  return (await loadFile(path, SWITCH_STATE)).data
}

/** The file-update transaction on the state file: update runs under its lock, from the state as it is then. */
export async function updateSwitchState<T>(path: string, update: Updater<SwitchState, T>, options: UpdateOptions = {}): Promise<UpdateOutcome<T>> {
  return updateFile(path, SWITCH_STATE, update, options)
}

export function resolveProfileStatuses(status: ModelsStatus, now = Date.now()): NonNullable<SwitchState['profileStatuses']> {
  const out: NonNullable<SwitchState['profileStatuses']> = {}
  const ids = new Set([...status.auth.oauth.profiles.map((p) => p.profileId), ...status.auth.unusableProfiles.map((u) => u.profileId)])
  for (const id of [...ids].sort()) {
    const u = status.auth.unusableProfiles.find((x) => x.profileId === id && x.until > now)
    out[id] = u
      ? { status: 'unusable', kind: u.kind, ...(u.reason ? { reason: u.reason } : {}), until: new Date(u.until).toISOString() }
      : { status: 'available' }
  }
  return out
}
