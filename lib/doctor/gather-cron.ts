// Finds our cron job where install-cron puts it: through the running gateway when one answers, else
// in jobs.json on releases that keep jobs there. Releases that keep them in the state database can
// only show them through a gateway.
import { access } from 'node:fs/promises'
import { z } from 'zod'
import { CafError } from '../errors.ts'
import { isAgentJob } from '../cron-job.ts'
import { isPlainObject, type ConfigData } from '../openclaw/config.ts'
import { loadGatewayCron } from '../openclaw/cron.ts'
import { loadCronStore, resolveCronStorePath } from '../openclaw/cron-store.ts'
import type { Detection } from '../openclaw/detect.ts'
import type { Env } from '../openclaw/state-dir.ts'
import { resolveCronJobPaths, type CronPayload } from './cron-check.ts'
import type { CronView } from './snapshot.ts'

// The part of a jobs.json job we read (the gateway's listing is checked by lib/openclaw/cron.ts).
const payloadSchema = z.object({
  kind: z.string(),
  message: z.string().optional(),
  argv: z.array(z.string()).optional(),
  env: z.record(z.string(), z.string()).optional(),
}).loose()

export async function loadCronView({ detection, env, signal, stateDir, config, agentId = 'main' }: { detection: Detection; env: Env; signal?: AbortSignal; stateDir: string; config: ConfigData; agentId?: string }): Promise<CronView> {
  let gateway
  try {
    gateway = await loadGatewayCron({ env, signal })
  } catch (err) {
    if (err instanceof CafError) return { state: 'unseen', gatewayDown: false, reason: err.message }
    throw err
  }
  if (gateway.reachable) {
    const job = gateway.jobs.find((j) => isAgentJob(j, agentId))
    if (!job) return { state: 'absent', via: 'gateway' }
    return { state: 'found', via: 'gateway', id: job.id, enabled: job.enabled !== false, paths: await resolveExisting(job.payload) }
  }
  // Without a version, the earliest release that keeps what the state dir holds stands in (detect.ts).
  if (detection.cronStore === 'database') return { state: 'unseen', gatewayDown: true, reason: gateway.reason }
  const path = resolveCronStorePath({ stateDir, config })
  let jobs
  try {
    jobs = (await loadCronStore(path)).store.jobs
  } catch (err) {
    if (err instanceof CafError) return { state: 'unseen', gatewayDown: false, reason: err.message }
    throw err
  }
  const job = jobs.find((j) => isPlainObject(j) && isAgentJob(j, agentId))
  if (!job) return { state: 'absent', via: 'jobs.json' }
  const parsed = payloadSchema.safeParse(job.payload)
  const payload: CronPayload = parsed.success ? parsed.data : { kind: 'unknown' }
  return { state: 'found', via: 'jobs.json', id: String(job.id), enabled: job.enabled !== false, paths: await resolveExisting(payload) }
}

async function resolveExisting(payload: CronPayload) {
  return Promise.all(resolveCronJobPaths(payload).map(async (p) => ({ ...p, exists: await access(p.path).then(() => true, () => false) })))
}
