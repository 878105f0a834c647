// doctor: is this setup in working order? Gathers one snapshot (lib/doctor/gather.ts), runs every
// check over it (lib/doctor/checks.ts), and reports each as ok / warn / fail with the command that
// fixes it. Reads only; a failed check is exit 1, warnings alone are exit 0.
import { describeDetection } from './add-profile.ts'
import { assertProfileName } from './profile-name.ts'
import { resolveCheckResults } from './doctor/checks.ts'
import { loadDoctorSnapshot } from './doctor/gather.ts'
import type { CheckLevel, CheckResult } from './doctor/snapshot.ts'
import type { Detection } from './openclaw/detect.ts'
import type { Env } from './openclaw/state-dir.ts'
import type { Report, TaskIo } from './cli.ts'

export interface DoctorOptions {
  agent?: string
  openclawVersion?: string
  env?: Env
  now?: number
}

export interface DoctorResult {
  openclaw: { version?: string; source: Detection['source']; store: Detection['store']; provider: string }
  storePath: string
  configPath?: string
  checks: CheckResult[]
  summary: Record<CheckLevel, number>
}

export async function doctor(opts: DoctorOptions, io: TaskIo): Promise<DoctorResult> {
  const { env = process.env, now = Date.now() } = opts
  const agentId = assertProfileName(opts.agent ?? 'main', 'agent id')
  const snapshot = await io.spinner('looking at the store, the config and the cron job…', () => loadDoctorSnapshot({ agentId, openclawVersion: opts.openclawVersion, env, signal: io.signal, now }))
  const { detection } = snapshot
  io.context(describeDetection(detection, snapshot.storePath))
  const checks = resolveCheckResults(snapshot)
  const summary = { ok: 0, warn: 0, fail: 0 }
  for (const c of checks) summary[c.level]++
  return {
    openclaw: { version: detection.version, source: detection.source, store: detection.store, provider: detection.provider },
    storePath: snapshot.storePath,
    configPath: snapshot.config.ok ? snapshot.config.value.path : undefined,
    checks,
    summary,
  }
}

const MARK: Record<CheckLevel, string> = { ok: '✓', warn: '!', fail: '✗' }

export function formatDoctor(r: DoctorResult): Report {
  const width = Math.max(...r.checks.map((c) => c.id.length))
  const lines = r.checks.flatMap((c) => [
    `${MARK[c.level]} ${c.level.padEnd(4)} ${c.id.padEnd(width)}  ${c.message}`,
    ...(c.fix && c.level !== 'ok' ? [`  ${' '.repeat(5 + width)}  fix: ${c.fix}`] : []),
  ])
  const { ok, warn, fail } = r.summary
  lines.push(`doctor: ${ok} ok, ${warn} warn, ${fail} fail${fail ? '' : warn ? ' (nothing broken)' : ' (all green)'}`)
  return { data: r, lines, exitCode: fail ? 1 : 0 }
}
