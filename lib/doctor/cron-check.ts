// The agent's model-cooldown-autoswitch cron job: installed, enabled, and every absolute path it
// runs (node, tsx's CLI if any, check-and-switch's launcher or script, the OpenClaw paths pinned in
// its env) still there.
// A moved or deleted checkout leaves a job that fails every ten minutes without anyone seeing it.
import { isCheckScript, resolveJobName } from '../cron-job.ts'
import type { Check } from './snapshot.ts'

const INSTALL = 'npm run install-cron'

export interface CronPayload {
  kind: string
  message?: string
  argv?: string[]
  env?: Record<string, string>
}

export const checkCronJob: Check = ({ cron, agentId }) => {
  const name = resolveJobName(agentId)
  const install = agentId === 'main' ? INSTALL : `${INSTALL} -- --agent ${agentId}`
  if (cron.state === 'unseen' && cron.gatewayDown) {
    return { id: 'cron-job', level: 'warn', message: `cannot see cron jobs without a running gateway (${cron.reason})`, fix: 'openclaw gateway start, then npm run doctor again' }
  }
  if (cron.state === 'unseen') return { id: 'cron-job', level: 'warn', message: `cannot read the cron jobs: ${cron.reason}` }
  const where = cron.via === 'gateway' ? 'in the gateway' : 'in jobs.json'
  if (cron.state === 'absent') {
    return { id: 'cron-job', level: 'warn', message: `no cron job ${name} ${where}: nothing moves the session off a model that is cooling down`, fix: install }
  }
  const missing = cron.paths.filter((p) => !p.exists)
  if (missing.length > 0) {
    return {
      id: 'cron-job',
      level: 'fail',
      message: `cron job ${name} (${cron.id}) runs paths that no longer exist: ${missing.map((p) => `${p.role} ${p.path}`).join(', ')}; every run fails`,
      fix: install,
    }
  }
  if (cron.paths.length === 0) {
    return { id: 'cron-job', level: 'warn', message: `cron job ${name} (${cron.id}) does not run check-and-switch by absolute path; it was not installed by install-cron`, fix: install }
  }
  if (!cron.enabled) return { id: 'cron-job', level: 'warn', message: `cron job ${name} (${cron.id}) is disabled`, fix: install }
  return { id: 'cron-job', level: 'ok', message: `cron job ${name} (${cron.id}) ${where} is enabled and every path it runs exists` }
}

/**
 * The absolute paths a job of ours names, with what each is for. A command payload (2026.6.5+) has
 * them in argv and env; an agentTurn names them in the one line of its message that runs
 * check-and-switch, quoted as install-cron's quoteShellArg quotes them.
 */
export function resolveCronJobPaths(payload: CronPayload): Array<{ path: string; role: string }> {
  let argv = payload.argv ?? []
  let env = payload.env ?? {}
  if (payload.kind !== 'command') {
    const line = (payload.message ?? '').split('\n').find((l) => l.includes('check-and-switch'))
    const words = line ? parseShellWords(line.trim()) : []
    const assignments = words.findIndex((w) => !/^[A-Z_][A-Z0-9_]*=/.test(w))
    const split = assignments < 0 ? words.length : assignments
    env = Object.fromEntries(words.slice(0, split).map((w) => [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)]))
    argv = words.slice(split)
  }
  // argv is [node, launcher] (older installs: [node, script] or [node, tsx's CLI, script]), then
  // check-and-switch's own flags.
  const script = argv.findIndex(isCheckScript)
  if (script < 0) return []
  return [
    ...argv.slice(0, script + 1).map((path, i) => ({ path, role: i === script ? 'script' : i === 0 ? 'node' : 'tsx' })),
    ...Object.entries(env).map(([role, path]) => ({ path, role })),
  ].filter((p) => p.path.startsWith('/'))
}

/** POSIX shell words: single quotes, double quotes with \-escapes, and \ outside quotes. */
export function parseShellWords(line: string): string[] {
  const words: string[] = []
  let word: string | undefined
  let quote: "'" | '"' | undefined
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!
    if (quote === "'") {
      if (c === "'") quote = undefined
      else word += c
    } else if (quote === '"') {
      if (c === '"') quote = undefined
      else if (c === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1]!)) word += line[++i]
      else word += c
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word)
      word = undefined
    } else {
      word ??= ''
      if (c === "'" || c === '"') quote = c
      else if (c === '\\' && i + 1 < line.length) word += line[++i]
      else word += c
    }
  }
  if (word !== undefined) words.push(word)
  return words
}
