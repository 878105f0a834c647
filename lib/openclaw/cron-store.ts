// $OPENCLAW_STATE_DIR/cron/jobs.json, where releases before 2026.6.1 keep cron jobs: {version: 1,
// jobs: [...]}, JSON5-parsed, written by the gateway as JSON.stringify(store, null, 2) with a .bak
// copy (read in 2026.2.22's dist: src/cron/store.ts). Edited here only while no gateway runs: the
// gateway has no lock and no watcher, and its next save drops a job written behind its back.
import { randomUUID } from 'node:crypto'
import { homedir } from 'node:os'
import { isDeepStrictEqual } from 'node:util'
import { join, resolve } from 'node:path'
import { BadFile } from '../errors.ts'
import { loadFile, updateFile, type FileKind, type UpdateOutcome } from '../file-update.ts'
import { isPlainObject, parseJson5, type ConfigData } from './config.ts'

export type CronStoreJob = Record<string, unknown>
export interface CronStore {
  version?: unknown
  jobs: CronStoreJob[]
  [key: string]: unknown
}

/** The config's cron.store when set, else <state dir>/cron/jobs.json, as the gateway resolves it. */
export function resolveCronStorePath({ stateDir, config }: { stateDir: string; config: ConfigData }): string {
  const custom = isPlainObject(config.cron) && typeof config.cron.store === 'string' ? config.cron.store.trim() : ''
  if (!custom) return join(stateDir, 'cron', 'jobs.json')
  return resolve(custom.startsWith('~') ? join(homedir(), custom.slice(1)) : custom)
}

/** jobs.json as lib/file-update.ts reads and writes it: the gateway's bytes, the file's own mode. */
export const CRON_STORE: FileKind<CronStore> = {
  label: 'cron store',
  parse: (text, path) => parseCronStore(text, path),
  empty: () => ({ version: 1, jobs: [] }),
  format: (store) => formatCronStore(store),
  mode: 'keep',
}

/** A missing file is an empty store (the gateway creates it at start); anything unreadable is a one-line BadFile. */
export async function loadCronStore(path: string): Promise<{ text?: string; store: CronStore }> {
  const { text, data } = await loadFile(path, CRON_STORE)
  return { text, store: data }
}

// Stricter than the gateway, which reads anything unparseable-as-a-store as "no jobs" and then saves
// over it: we refuse to touch such a file at all.
export function parseCronStore(text: string, path: string): CronStore {
  const raw = parseJson5(text, path, 'nothing was changed (fix it, or restore it from jobs.json.bak)')
  if (!isPlainObject(raw) || !Array.isArray(raw.jobs)) {
    throw new BadFile(path, 'is not an OpenClaw cron store ({"version": 1, "jobs": [...]}); nothing was changed (fix it, or restore it from jobs.json.bak)')
  }
  return raw as CronStore
}

/** The bytes the gateway writes (no trailing newline). */
export function formatCronStore(store: CronStore): string {
  return JSON.stringify(store, null, 2)
}

/** The one way this tool changes jobs.json: the file-update transaction; a changed store is backed up. */
export async function updateCronStore<T>(
  path: string,
  update: (store: CronStore) => { store?: CronStore; result: T },
  { signal }: { signal?: AbortSignal } = {},
): Promise<UpdateOutcome<T>> {
  return updateFile(path, CRON_STORE, ({ data }) => {
    const { store, result } = update(data)
    return { data: store, result }
  }, { signal })
}

export interface AgentTurnJobSpec {
  name: string
  everyMs: number
  message: string
  announce: boolean
  agentId?: string
}

/** A new job exactly as 2026.2.22's `cron add --session isolated --message M --no-deliver` stores it. */
export function resolveAgentTurnJob(spec: AgentTurnJobSpec, { now = Date.now(), id = randomUUID() as string }: { now?: number; id?: string } = {}): CronStoreJob {
  return {
    id,
    ...(spec.agentId ? { agentId: spec.agentId } : {}),
    name: spec.name,
    enabled: true,
    createdAtMs: now,
    updatedAtMs: now,
    schedule: { kind: 'every', everyMs: spec.everyMs, anchorMs: now },
    sessionTarget: 'isolated',
    wakeMode: 'now',
    payload: { kind: 'agentTurn', message: spec.message },
    delivery: { mode: spec.announce ? 'announce' : 'none', channel: 'last' },
    state: {},
  }
}

export type UpsertAction = 'created' | 'updated' | 'unchanged'

/** Which jobs of the store are the caller's; by default those named `name`. */
export type JobMatch = (job: CronStoreJob) => boolean

/**
 * Leaves exactly one job of ours (`isOurs`, default: named spec.name): one that already says spec,
 * else the first (the file keeps jobs in the order they were added), brought up to spec keeping its
 * id, creation time and run state; or a new one. Other jobs are passed through untouched.
 */
export function upsertAgentTurnJob(store: CronStore, spec: AgentTurnJobSpec, now = Date.now(), isOurs: JobMatch = (j) => isNamed(j, spec.name)): { store: CronStore; action: UpsertAction; job: CronStoreJob; removed: string[] } {
  const ours = store.jobs.filter((j) => isPlainObject(j) && isOurs(j))
  const first = ours.find((j) => resolveUpdatedJob(j, spec, now) === j) ?? ours[0]
  const extra = ours.filter((j) => j !== first)
  const removed = extra.map((j) => String(j.id))
  const job = first ? resolveUpdatedJob(first, spec, now) : resolveAgentTurnJob(spec, { now })
  const action: UpsertAction = !first ? 'created' : job === first && extra.length === 0 ? 'unchanged' : 'updated'
  if (action === 'unchanged') return { store, action, job, removed }
  const jobs = first ? store.jobs.filter((j) => !extra.includes(j)).map((j) => (j === first ? job : j)) : [...store.jobs, job]
  return { store: { ...store, jobs }, action, job, removed }
}

/** The job itself when it already says spec, else a copy that does. */
function resolveUpdatedJob(job: CronStoreJob, spec: AgentTurnJobSpec, now: number): CronStoreJob {
  const wanted = resolveAgentTurnJob(spec, { now, id: String(job.id) })
  const delivery = isPlainObject(job.delivery) ? job.delivery : {}
  const mode = spec.announce ? 'announce' : 'none'
  const sameSchedule = isPlainObject(job.schedule) && job.schedule.kind === 'every' && job.schedule.everyMs === spec.everyMs
  const fields = ['name', 'agentId', 'enabled', 'sessionTarget', 'wakeMode', 'payload'] as const
  if (sameSchedule && delivery.mode === mode && fields.every((k) => isDeepStrictEqual(job[k], wanted[k]))) return job
  const { agentId: _agent, ...rest } = job
  // The gateway computes the next run on load; a kept one would hold the old interval's slot.
  const { nextRunAtMs: _next, ...state } = isPlainObject(job.state) ? job.state : {}
  return {
    ...rest,
    ...wanted,
    createdAtMs: job.createdAtMs ?? now,
    schedule: sameSchedule ? job.schedule : wanted.schedule,
    delivery: { ...delivery, mode },
    state: sameSchedule ? job.state ?? {} : state,
  }
}

function isNamed(job: unknown, name: string): job is CronStoreJob {
  return isPlainObject(job) && job.name === name
}

/** Removes every job of ours; the others keep their objects (and so their bytes on rewrite). */
export function removeJobs(store: CronStore, isOurs: JobMatch): { store: CronStore; removed: string[] } {
  const mine = (j: CronStoreJob) => isPlainObject(j) && isOurs(j)
  const removed = store.jobs.filter(mine).map((j) => String(j.id))
  if (removed.length === 0) return { store, removed }
  return { store: { ...store, jobs: store.jobs.filter((j) => !mine(j)) }, removed }
}

/** removeJobs of every job named name. */
export function removeJobsNamed(store: CronStore, name: string): { store: CronStore; removed: string[] } {
  return removeJobs(store, (j) => isNamed(j, name))
}
