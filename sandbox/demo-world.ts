// Where the demo's OpenClaw comes from: the pinned 2026.2.22 with a gateway of its own when
// .ci/install-tools has put it in the cache, else a stand-in that answers from the sandbox's files
// (sandbox/standin-openclaw.mjs), so the demo needs no network and no download.
import { join } from 'node:path'
import { updateJsonStore } from '../lib/openclaw/stores/json.ts'
import { ROOT, type Sandbox } from './sandbox.ts'
import { locateOpenclaw, prepareOpenclaw } from './openclaw-install.ts'
import { startGateway, type Gateway } from './gateway.ts'

export interface DemoWorld {
  /** One line on what plays OpenClaw. */
  name: string
  /** Environment every command of the demo runs with. */
  env: NodeJS.ProcessEnv
  /** Extra arguments for commands that detect the release. */
  detectArgs: string[]
  gateway?: Gateway
  stop(): Promise<void>
}

export async function openDemoWorld(sb: Sandbox, { onProgress, standIn = false }: { onProgress: (line: string) => void; standIn?: boolean }): Promise<DemoWorld> {
  if (standIn || 'skip' in locateOpenclaw('legacy')) {
    return {
      name: `a stand-in that answers from the sandbox files (${standIn ? '--stand-in' : 'no OpenClaw installed; .ci/install-tools brings the pinned 2026.2.22'})`,
      env: { OPENCLAW_BIN: join(ROOT, 'sandbox/standin-openclaw.mjs') },
      detectArgs: ['--openclaw-version', '2026.2.22'],
      stop: async () => {},
    }
  }
  const install = await prepareOpenclaw('legacy', sb)
  if ('missing' in install) throw new Error(install.missing)
  onProgress(`starting a ${install.version} gateway on 127.0.0.1 (token auth) for the session moves…`)
  const gateway = await startGateway(install, sb)
  return {
    name: `OpenClaw ${install.version} from the cache, gateway on 127.0.0.1:${gateway.port}`,
    env: { ...install.env, ...gateway.env },
    detectArgs: [],
    gateway,
    stop: () => gateway.stop(),
  }
}

/** Sets (ms) or clears (undefined) a rate-limit cooldown the way OpenClaw records one. */
export async function setCooldowns(sb: Sandbox, profileIds: string[], ms: number | undefined, now = Date.now()): Promise<void> {
  await updateJsonStore(join(sb.stateDir, 'agents', 'main', 'agent', 'auth-profiles.json'), (store) => {
    const usageStats = { ...store.usageStats }
    for (const id of profileIds) {
      if (ms === undefined) delete usageStats[id]
      else usageStats[id] = { ...usageStats[id], errorCount: 1, failureCounts: { rate_limit: 1 }, lastFailureAt: now, cooldownUntil: now + ms }
    }
    return { store: { ...store, usageStats }, result: null }
  })
}
