// install-cron: put the model-cooldown-autoswitch job into OpenClaw's cron (or take it out), through
// the running gateway where there is one; on releases that keep jobs in jobs.json, into that file
// while no gateway runs. Installing again converges the one job; uninstalling removes only ours.
import { access } from 'node:fs/promises'
import { buildCheckBundle } from './bundle.ts'
import { CafError } from './errors.ts'
import { registerSecret } from './secrets.ts'
import { assertProfileName } from './profile-name.ts'
import {
  isAgentJob, isAgentTurnJobCurrent, isCheckScript, loadMessageTemplate, quoteShellArg, resolveCheckCommand, resolveCheckRunner, resolveCronAddArgs,
  resolveCronEditArgs, resolveCronJobPlan, type CronJobPlan,
} from './cron-job.ts'
import { loadConfig } from './openclaw/config.ts'
import {
  addCronJob, editCronJob, enableCronJob, loadGatewayCron, parseEvery, removeCronJob, type CronJob,
} from './openclaw/cron.ts'
import { removeJobs, resolveCronStorePath, updateCronStore, upsertAgentTurnJob } from './openclaw/cron-store.ts'
import { openAgent } from './openclaw/open-store.ts'
import type { RunContext } from './openclaw/runner.ts'
import type { Env } from './openclaw/state-dir.ts'
import type { Report, TaskIo } from './cli.ts'

export interface InstallCronOptions {
  uninstall?: boolean
  every?: string
  print?: boolean
  announce?: boolean
  agent?: string
  openclawVersion?: string
  env?: Env
  now?: number
}

export type CronAction = 'printed' | 'created' | 'updated' | 'unchanged' | 'removed' | 'absent'

export interface InstallCronResult {
  action: CronAction
  openclawVersion: string
  via: 'gateway' | 'jobs.json' | 'none'
  job: CronJobPlan
  jobId?: string
  /** Ids of the jobs taken out: ours on uninstall, stray copies of ours on install. */
  removed: string[]
  storePath?: string
  backupPath?: string
  /** The `openclaw cron add` arguments the plan stands for (--print). */
  cronAdd: string[]
}

export async function installCron(opts: InstallCronOptions, io: TaskIo): Promise<InstallCronResult> {
  const { env = process.env } = opts
  // We pass the environment to openclaw and relay its errors: a token in one must not reach our output.
  registerSecret(env.OPENCLAW_GATEWAY_TOKEN)
  registerSecret(env.OPENCLAW_GATEWAY_PASSWORD)
  const agentId = opts.agent === undefined ? undefined : assertProfileName(opts.agent, 'agent id')
  const { every, everyMs } = parseEvery(opts.every ?? '10m')
  const ctx = { env, signal: io.signal }
  const { stateDir, configPath, detection } = await openAgent({ agent: agentId, openclawVersion: opts.openclawVersion, ...ctx })
  if (!detection.version) throw new CafError(`cannot tell which OpenClaw release this is (no openclaw to run); pass --openclaw-version X.Y.Z`)
  const version = detection.version
  const command = resolveCheckCommand({ env, agentId, runner: await resolveCheckRunner(ctx) })
  const template = detection.cronPayload === 'agentTurn' ? await loadMessageTemplate() : undefined
  const job = resolveCronJobPlan({ payload: detection.cronPayload, every, everyMs, announce: Boolean(opts.announce), agentId, command, template })
  const base = { openclawVersion: version, job, removed: [] as string[], cronAdd: resolveCronAddArgs(job) }
  if (opts.print) return { ...base, action: 'printed', via: 'none' }
  if (!opts.uninstall) {
    await assertRunnable(job)
    // The job runs the bundle while it is fresh (bin/check-and-switch.mjs); build it now, so the first run is fast.
    await io.spinner('building dist/check-and-switch.mjs…', () => buildCheckBundle()).catch((err: unknown) => {
      throw new CafError(`cannot build dist/check-and-switch.mjs (${(err as Error).message.split('\n')[0]}); run npm ci, then install-cron again`, { cause: err })
    })
  }

  const gateway = await io.spinner('asking the gateway for its cron jobs…', () => loadGatewayCron(ctx))
  if (gateway.reachable) {
    if (gateway.truncated) io.warn(`the gateway listed only its first page of cron jobs; a copy of ${job.name} beyond it is not seen`)
    const mine = gateway.jobs.filter((j) => isAgentJob(j, agentId))
    if (opts.uninstall) {
      for (const j of mine) await removeCronJob(j.id, ctx)
      return { ...base, action: mine.length ? 'removed' : 'absent', via: 'gateway', removed: mine.map((j) => j.id) }
    }
    const r = detection.cronPayload === 'command' ? await declareCommandJob(job, mine, ctx, io) : await upsertAgentTurnViaGateway(job, mine, ctx)
    return { ...base, ...r, via: 'gateway' }
  }
  if (detection.cronStore === 'database') {
    throw new CafError(`OpenClaw ${version} keeps cron jobs in its state database, which only the gateway changes, and no gateway answered (${gateway.reason}); start it (openclaw gateway run, or openclaw gateway start for the installed service), then run install-cron again`)
  }
  const storePath = resolveCronStorePath({ stateDir, config: (await loadConfig(configPath)).data })
  io.context(`no gateway answered (${gateway.reason}); editing ${storePath}, which the gateway loads when it starts`)
  // The same jobs the gateway path calls ours: this agent's (isAgentJob), in jobs.json too.
  const isOurs = (j: Record<string, unknown>) => isAgentJob(j, agentId)
  if (opts.uninstall) {
    const { result: removed, backupPath } = await updateCronStore(storePath, (store) => {
      const r = removeJobs(store, isOurs)
      return { store: r.removed.length ? r.store : undefined, result: r.removed }
    }, { signal: io.signal })
    return { ...base, action: removed.length ? 'removed' : 'absent', via: 'jobs.json', removed, storePath, backupPath }
  }
  const spec = { name: job.name, everyMs, message: job.message!, announce: job.announce, agentId }
  const { result, backupPath } = await updateCronStore(storePath, (store) => {
    const r = upsertAgentTurnJob(store, spec, opts.now, isOurs)
    return { store: r.action === 'unchanged' ? undefined : r.store, result: r }
  }, { signal: io.signal })
  return { ...base, action: result.action, via: 'jobs.json', jobId: String(result.job.id), removed: result.removed, storePath, backupPath }
}

/** 2026.6.5+: `cron add --declaration-key` converges our job; older copies of ours without the key go. */
async function declareCommandJob(job: CronJobPlan, mine: CronJob[], ctx: RunContext, io: TaskIo) {
  const added = await addCronJob(resolveCronAddArgs(job), ctx)
  let action: CronAction = added.created !== false ? 'created' : added.updated ? 'updated' : 'unchanged'
  // A declaration keeps a job the user disabled disabled; installing means wanting it to run.
  if (added.job.enabled === false) {
    await enableCronJob(added.job.id, ctx)
    action = 'updated'
  }
  if (job.announce && added.deliveryDetail && /fail-closed|no route/i.test(added.deliveryDetail)) {
    io.warn(`--announce has nowhere to post yet: ${added.deliveryDetail.split(/(?<=\.) /)[0]}`)
  }
  const strays = mine.filter((j) => j.id !== added.job.id)
  for (const j of strays) await removeCronJob(j.id, ctx)
  return { action: strays.length && action === 'unchanged' ? 'updated' as const : action, jobId: added.job.id, removed: strays.map((j) => j.id) }
}

/**
 * Releases without declarations: keep one job of ours (one that already says the plan, else the
 * oldest), edited in place so its id and history stay; drop the copies.
 */
async function upsertAgentTurnViaGateway(job: CronJobPlan, mine: CronJob[], ctx: RunContext) {
  const byAge = [...mine].sort((a, b) => (a.createdAtMs ?? 0) - (b.createdAtMs ?? 0))
  const first = byAge.find((j) => isAgentTurnJobCurrent(j, job)) ?? byAge[0]
  const strays = mine.filter((j) => j !== first)
  let action: CronAction = 'unchanged'
  let jobId = first?.id
  if (!first) {
    jobId = (await addCronJob(resolveCronAddArgs(job), ctx)).job.id
    action = 'created'
  } else if (!isAgentTurnJobCurrent(first, job)) {
    await editCronJob(first.id, resolveCronEditArgs(job), ctx)
    action = 'updated'
  }
  for (const j of strays) await removeCronJob(j.id, ctx)
  return { action: strays.length && action === 'unchanged' ? 'updated' as const : action, jobId, removed: strays.map((j) => j.id) }
}

/** A job that points at a missing node or launcher would fail every 10 minutes: refuse it now. */
async function assertRunnable(job: CronJobPlan): Promise<void> {
  const script = job.command.argv.findIndex(isCheckScript)
  for (const path of job.command.argv.slice(0, script + 1)) {
    await access(path).catch(() => {
      throw new CafError(`${path} does not exist, so the cron job could not run; run install-cron from a complete checkout (npm ci)`)
    })
  }
}

export function formatInstallCron(r: InstallCronResult): Report {
  const { job } = r
  const what = `${job.payload === 'command' ? 'a command job' : 'an isolated agentTurn job'} every ${job.every}, ${job.announce ? 'announcing to the last chat' : 'no delivery'}`
  const runs = `  runs: ${job.commandLine}`
  const where = r.via === 'gateway' ? 'through the gateway' : `in ${r.storePath}`
  const extra = [
    ...(r.removed.length && r.action !== 'removed' ? [`  removed stray copies: ${r.removed.join(', ')}`] : []),
    ...(r.backupPath ? [`  backup ${r.backupPath}`] : []),
  ]
  const lines: Record<CronAction, () => string[]> = {
    printed: () => [
      `# ${job.name} for OpenClaw ${r.openclawVersion}: ${what}`,
      runs,
      ...(job.message ? ['  message:', ...job.message.split('\n').map((l) => `    ${l}`.trimEnd())] : []),
      `dry run: nothing installed; without --print: openclaw cron add ${r.cronAdd.map((a) => (a === job.message ? "'<the message above>'" : quoteShellArg(a))).join(' ')}`,
    ],
    created: () => [`✓ installed cron job ${job.name} (${r.jobId}) ${where}: ${what}`, runs, ...extra],
    updated: () => [`✓ updated cron job ${job.name} (${r.jobId}) ${where}: ${what}`, runs, ...extra],
    unchanged: () => [`✓ cron job ${job.name} (${r.jobId}) is already installed ${where} as ${what}; nothing to change`, ...extra],
    removed: () => [`✓ removed cron job ${job.name} (${r.removed.join(', ')}) ${where}`, ...extra],
    absent: () => [`✓ no cron job ${job.name} ${where}; nothing to remove`],
  }
  return { data: r, lines: lines[r.action]() }
}
