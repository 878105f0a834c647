// check-and-switch's memory between runs: <workspace>/memory/model-switch-state.json, written
// atomically (0600) under a lock so two overlapping cron runs cannot interleave.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { BadFile } from './errors.ts'
import { writeFileAtomic } from './files.ts'
import { withFileLock } from './openclaw/lock.ts'
import type { ConfigData } from './openclaw/config.ts'
import type { ModelsStatus } from './openclaw/models-status.ts'

const profileStatus = z.union([
  z.object({ status: z.literal('available') }),
  z.object({ status: z.literal('unusable'), kind: z.string(), reason: z.string().optional(), until: z.string() }),
])

const stateSchema = z.object({
  lastEffectiveModel: z.string().optional(),
  lastCheckedAt: z.string().optional(),
  /** The priority the first run saw; kept so --global (which rewrites the config's primary) stays stable. */
  priority: z.array(z.string()).optional(),
  profileStatuses: z.record(z.string(), profileStatus).optional(),
}).loose()

export type SwitchState = z.infer<typeof stateSchema>

export function resolveStatePath({ config, stateDir }: { config: ConfigData; stateDir: string }): string {
  const defaults = (config.agents as { defaults?: { workspace?: unknown } } | undefined)?.defaults
  const workspace = typeof defaults?.workspace === 'string' && defaults.workspace ? defaults.workspace : join(stateDir, 'workspace')
  return join(workspace, 'memory', 'model-switch-state.json')
}

export async function loadSwitchState(path: string): Promise<SwitchState> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {}
    throw new BadFile(path, `cannot read it (${(err as NodeJS.ErrnoException).code})`, { cause: err })
  }
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

export async function saveSwitchState(path: string, state: SwitchState): Promise<void> {
  await withFileLock(path, () => writeFileAtomic(path, `${JSON.stringify(state, null, 2)}\n`))
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
