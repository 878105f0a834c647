// The store adapter for the state database of OpenClaw 2026.6.5+ (state/openclaw.sqlite, or an agent's
// openclaw-agent.sqlite). Credentials go through OpenClaw's own plugin SDK, run by sdk-bridge.mjs
// on OpenClaw's Node; the order through `openclaw models auth order`; a running gateway is told
// through `models.authRefresh` (2026.9.5+).
import { access } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { CafError, Interrupted } from '../../errors.ts'
import { KEEP_BACKUPS } from '../../files.ts'
import { recordWrite } from '../../file-update.ts'
import { callBridge, describeFailure, parseJsonOutput, runOpenclaw } from '../runner.ts'
import { resolveOpenclawRuntime, resolveSdkPath } from '../runtime.ts'
import { appendToOrder, requireStoredProfile, assertUpsertAllowed } from '../store.ts'
import type { AuthStore, ProfileSummary, RemoveResult, StoreAdapter, StoreContext, UpsertRequest, UpsertResult } from '../store.ts'
import type { Env } from '../state-dir.ts'

// The bridge's replies (stores/sdk-bridge.mjs), checked rather than trusted.
const usageSchema = z.object({
  lastUsed: z.number(), errorCount: z.number(), cooldownUntil: z.number(), cooldownReason: z.string(), disabledUntil: z.number(),
  disabledReason: z.string(), blockedUntil: z.number(), blockedReason: z.string(), blockedModel: z.string(),
}).partial()
const summarySchema = z.object({
  profileId: z.string(), provider: z.string(), type: z.string(), email: z.string().optional(), accountId: z.string().optional(),
  plan: z.string().optional(), expires: z.number().optional(), hasRefresh: z.boolean(), refreshDigest: z.string().optional(),
  refreshFailed: z.boolean().optional(), usage: usageSchema.optional(),
})
const listReply = z.object({ profiles: z.array(summarySchema) })
const orderReply = z.object({ order: z.record(z.string(), z.array(z.string())) })
const writeReply = z.object({ backupPath: z.string().optional() })

export const adapter: StoreAdapter = {
  resolveStorePath: (ctx) => resolveStateDatabase(ctx),
  openStore: (ctx) => openSqliteStore(ctx),
}

export function resolveStateDatabase({ stateDir, agentDir, agentId }: Pick<StoreContext, 'stateDir' | 'agentDir' | 'agentId'>): string {
  return agentId === 'main' ? join(stateDir, 'state', 'openclaw.sqlite') : join(agentDir, 'openclaw-agent.sqlite')
}

export async function openSqliteStore(ctx: StoreContext): Promise<AuthStore> {
  const { stateDir, agentDir, agentId, env, signal, release } = ctx
  const { provider } = release
  const runtime = await resolveOpenclawRuntime(env)
  const sdkPath = await resolveSdkPath(runtime.packageDir)
  const dbPath = resolveStateDatabase(ctx)
  const openclawEnv: Env = { ...env, OPENCLAW_STATE_DIR: stateDir }
  // A write is let finish once begun (the SDK's own transactions; a replace is a remove and an
  // upsert that must not be split), so it is only not begun after a Ctrl-C; a read stops at once.
  const call = <T>(request: Record<string, unknown>, schema: z.ZodType<T>, { write = false } = {}) => {
    if (write && signal?.aborted) throw new Interrupted(signal.reason)
    return callBridge(runtime, {
      ...request, sdkPath, dbPath, agentDir: agentId === 'main' ? undefined : agentDir, keepBackups: KEEP_BACKUPS,
    }, schema, { env: openclawEnv, signal: write ? undefined : signal })
  }
  const orderArgs = { env: openclawEnv, signal, agentId, provider }

  async function listProfiles(): Promise<ProfileSummary[]> {
    if (!(await exists(dbPath))) return [] // reading must not create the database
    return (await call({ op: 'list' }, listReply)).profiles
  }

  return {
    kind: 'sqlite',
    path: dbPath,
    provider,
    listProfiles,
    async loadOrder() {
      if (!(await exists(dbPath))) return {}
      // The agent's own dir even for main: its order override lives there (what `order get --agent` shows).
      return (await call({ op: 'order', orderAgentDir: agentDir }, orderReply)).order
    },
    async upsertCodexProfile({ profileId, credential: c, replace }: UpsertRequest): Promise<UpsertResult> {
      const before = await listProfiles()
      const { replaced } = assertUpsertAllowed(before, { profileId, accountId: c.accountId, replace })
      // What OpenClaw's own Codex login stores, where the claims have it.
      const credential = {
        type: 'oauth', provider, access: c.access, refresh: c.refresh, expires: c.expires, accountId: c.accountId,
        ...(c.email ? { email: c.email } : {}), ...(c.plan ? { chatgptPlanType: c.plan } : {}), ...(c.idToken ? { idToken: c.idToken } : {}),
      }
      const orderBefore = await loadOrder(orderArgs)
      const { backupPath } = await call({ op: 'upsert', profileId, credential, replace: replaced }, writeReply, { write: true })
      recordWrite(dbPath)
      // No order yet: OpenClaw treats an explicit order as the whole list, so start from every profile.
      // A replaced profile keeps its place (OpenClaw dropped it from the order when removing it).
      const order = appendToOrder(orderBefore ?? before.filter((p) => p.provider === provider).map((p) => p.profileId), profileId)
      const orderNow = await loadOrder(orderArgs)
      if (orderNow?.join('\n') !== order.join('\n')) await saveOrder({ ...orderArgs, order }, 'stored')
      const warnings: string[] = []
      if (release.authRefreshRpc) await notifyGateway(orderArgs, warnings)
      return { profileId, replaced, order, backupPath, warnings }
    },
    async removeProfile(profileId: string): Promise<RemoveResult> {
      const target = requireStoredProfile(await listProfiles(), { profileId, path: dbPath })
      const { backupPath } = await call({ op: 'remove', profileIds: [profileId], provider: target.provider }, writeReply, { write: true })
      recordWrite(dbPath)
      const warnings: string[] = []
      await pruneOrder({ ...orderArgs, provider: target.provider, profileId })
      if (release.authRefreshRpc) await notifyGateway(orderArgs, warnings)
      return { backupPath, warnings }
    },
  }
}

interface OrderArgs {
  env: Env
  signal?: AbortSignal
  agentId: string
  provider: string
}

async function loadOrder({ env, signal, agentId, provider }: OrderArgs): Promise<string[] | undefined> {
  const get = await runOpenclaw(['models', 'auth', 'order', 'get', '--provider', provider, '--agent', agentId, '--json'], { env, signal })
  if (!get.ok) throw new CafError(`openclaw models auth order get failed: ${describeFailure(get)}`)
  return (parseJsonOutput(get.stdout, 'models auth order get') as { order?: string[] | null }).order ?? undefined
}

/** `order set` with the list, or `order clear` for none; `done` says what already happened to the credential. */
async function saveOrder({ env, signal, agentId, provider, order }: OrderArgs & { order: string[] }, done: 'stored' | 'removed'): Promise<void> {
  const args = [order.length ? 'set' : 'clear', '--provider', provider, '--agent', agentId, ...order]
  const r = await runOpenclaw(['models', 'auth', 'order', ...args], { env, signal })
  if (!r.ok) throw new CafError(`the credential was ${done}, but openclaw models auth order ${args[0]} failed: ${describeFailure(r)}; run it yourself: openclaw models auth order ${args.join(' ')}`)
}

// OpenClaw's SDK prunes the shared store's order, but the agent's own order override (in
// agents/<id>/agent/openclaw-agent.sqlite, what `order get --agent` shows) still named the removed
// profile on 2026.9.6 (run): set it to the rest, or clear it when nothing is left.
async function pruneOrder({ profileId, ...args }: OrderArgs & { profileId: string }): Promise<void> {
  const order = await loadOrder(args)
  if (order?.includes(profileId)) await saveOrder({ ...args, order: order.filter((id) => id !== profileId) }, 'removed')
}

async function notifyGateway({ env, signal }: Pick<OrderArgs, 'env' | 'signal'>, warnings: string[]): Promise<void> {
  const r = await runOpenclaw(['gateway', 'call', 'models.authRefresh', '--params', '{"operation":"update"}', '--json'], { env, signal, timeoutMs: 30_000 })
  if (!r.ok) warnings.push(`no running gateway was told of the change (${describeFailure(r)}); a gateway started later reads it anyway`)
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(() => true, () => false)
}
