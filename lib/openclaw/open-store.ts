// Picks the adapter for a detected generation. A new generation adds an adapter file and a row here.
import { openJsonStore } from './json-store.ts'
import type { Detection } from './detect.ts'
import type { AuthStore } from './store.ts'
import type { Env } from './state-dir.ts'

export interface StoreContext {
  stateDir: string
  agentDir: string
  agentId: string
  env: Env
}

export async function openStore(detection: Detection, ctx: StoreContext): Promise<AuthStore> {
  switch (detection.store) {
    case 'json':
      return openJsonStore({ agentDir: ctx.agentDir, provider: detection.provider })
    case 'sqlite': {
      const { openSqliteStore } = await import('./sqlite-store.ts')
      return openSqliteStore({ ...ctx, provider: detection.provider, version: detection.version })
    }
  }
}
