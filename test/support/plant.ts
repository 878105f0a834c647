// Plants a cooldown the way OpenClaw records one (usageStats[id].cooldownUntil): through our JSON
// store write path on the legacy store, through OpenClaw's own SDK on the state database.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { updateJsonStore } from '../../lib/openclaw/stores/json.ts'
import { resolveSdkPath } from '../../lib/openclaw/runtime.ts'
import type { OpenclawInstall } from './tools.ts'

export async function plantCooldown({ oc, era, stateDir, env, profileIds, ms, now = Date.now() }: {
  oc: OpenclawInstall; era: 'legacy' | 'current'; stateDir: string; env: NodeJS.ProcessEnv; profileIds: string[]; ms: number; now?: number
}): Promise<void> {
  const stats = { errorCount: 1, failureCounts: { rate_limit: 1 }, lastFailureAt: now, cooldownUntil: now + ms, cooldownReason: 'rate_limit' }
  if (era === 'legacy') {
    await updateJsonStore(join(stateDir, 'agents', 'main', 'agent', 'auth-profiles.json'), (store) => ({
      store: { ...store, usageStats: { ...store.usageStats, ...Object.fromEntries(profileIds.map((id) => [id, { ...store.usageStats?.[id], ...stats }])) } },
      result: {},
    }))
    return
  }
  const script = `import { pathToFileURL } from 'node:url'
const sdk = await import(pathToFileURL(process.argv[1]).href)
const ids = JSON.parse(process.argv[2]), stats = JSON.parse(process.argv[3])
const r = await sdk.updateAuthProfileStoreWithLock({ updater: (s) => { s.usageStats ??= {}; for (const id of ids) s.usageStats[id] = { ...s.usageStats[id], ...stats }; return true } })
if (!r) process.exit(1)`
  const child = spawn(oc.node, ['--input-type=module', '-e', script, await resolveSdkPath(oc.packageDir), JSON.stringify(profileIds), JSON.stringify(stats)], { env: { ...env, ...oc.env, OPENCLAW_STATE_DIR: stateDir }, stdio: 'inherit' })
  const code = await new Promise((r) => child.on('close', r))
  if (code !== 0) throw new Error('planting a cooldown through the SDK failed')
}
