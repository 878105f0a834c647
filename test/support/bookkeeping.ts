// What OpenClaw itself recorded about the profiles (its lastGood, usageStats, order), read the way
// each release keeps it: auth-profiles.json on 2026.2.22, its plugin SDK on 2026.9.6. No tokens.
import { spawn } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { resolveSdkPath } from '../../lib/openclaw/runtime.ts'
import type { FailoverWorld } from '../../sandbox/failover-world.ts'
import { ROOT } from './sandbox.ts'

export interface Bookkeeping {
  order: Record<string, string[]>
  lastGood: Record<string, string>
  usageStats: Record<string, Record<string, unknown>>
}

export async function readBookkeeping(w: FailoverWorld): Promise<Bookkeeping> {
  if (w.era === 'legacy') {
    const s = JSON.parse(await readFile(join(w.sb.stateDir, 'agents', 'main', 'agent', 'auth-profiles.json'), 'utf8'))
    return { order: s.order ?? {}, lastGood: s.lastGood ?? {}, usageStats: s.usageStats ?? {} }
  }
  return JSON.parse(await runSdkRead(w, ['--state']))
}

/** The shared store's profiles (no tokens: digests), as OpenClaw's SDK reads them. */
export async function readSharedProfiles(w: FailoverWorld): Promise<Record<string, { provider: string; type: string; email?: string }>> {
  return JSON.parse(await runSdkRead(w, []))
}

async function runSdkRead(w: FailoverWorld, extra: string[]): Promise<string> {
  const child = spawn(w.oc.node, [join(ROOT, 'test/support/sdk-read.mjs'), await resolveSdkPath(w.oc.packageDir), ...extra], { env: { ...w.sb.env, ...w.env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  child.stdout.on('data', (d) => (out += d))
  child.stderr.on('data', (d) => (err += d))
  const code = await new Promise((r) => child.on('close', r))
  if (code !== 0) throw new Error(`sdk-read exited ${code}: ${err.slice(-400)}`)
  return out
}
