// Adapter for the state database of OpenClaw 2026.6.5+ (issue 3). Placeholder until written.
import { CafError } from '../errors.ts'
import type { AuthStore } from './store.ts'
import type { StoreContext } from './open-store.ts'

export async function openSqliteStore(_ctx: StoreContext & { provider: string; version?: string }): Promise<AuthStore> {
  throw new CafError('this OpenClaw keeps credentials in its state database, which add-profile cannot write yet')
}
