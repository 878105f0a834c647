// The store adapter for the state database of OpenClaw 2026.6.5+. Main's credentials live in the
// shared store: state/openclaw.sqlite on a fresh install, agents/main/agent/openclaw-agent.sqlite
// on one upgraded from the JSON store (OpenClaw decides which at its first write); the agent's own
// order is in its openclaw-agent.sqlite. Everything goes through OpenClaw's own plugin SDK, run by
// sdk-bridge.mjs on OpenClaw's Node: an add or a remove, with the order and the running gateway told
// (models.authRefresh, 2026.9.5+), is one bridge process.
import { existsSync } from 'node:fs'
import { access } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { CafError, Interrupted } from '../../errors.ts'
import { KEEP_BACKUPS } from '../../files.ts'
import { registerSecret } from '../../secrets.ts'
import { recordWrite } from '../../file-update.ts'
import { callBridge } from '../runner.ts'
import { resolveOpenclawRuntime, resolveSdkPath } from '../runtime.ts'
import { assertUpsertAllowed, requireStoredProfile } from '../store.ts'
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
const addReply = z.union([
  z.object({ conflict: z.array(summarySchema) }),
  z.object({ backupPaths: z.array(z.string()), order: z.array(z.string()), replaced: z.boolean(), warnings: z.array(z.string()) }),
])
const removeReply = z.object({ backupPaths: z.array(z.string()), warnings: z.array(z.string()) })
const accountsReply = z.object({
  accounts: z.array(z.object({
    profileId: z.string(), access: z.string(), accountId: z.string().optional(), email: z.string().optional(), plan: z.string().optional(), expires: z.number().optional(),
  })),
  order: z.array(z.string()).optional(),
})

export const adapter: StoreAdapter = {
  resolveStorePath: (ctx) => resolveStateDatabase(ctx),
  openStore: (ctx) => openSqliteStore(ctx),
}

/** The databases an add or remove of this agent's profiles writes (its credentials, then its order). */
export function resolveAgentDatabases({ stateDir, agentDir, agentId }: Pick<StoreContext, 'stateDir' | 'agentDir' | 'agentId'>): string[] {
  const own = join(agentDir, 'openclaw-agent.sqlite')
  return agentId === 'main' ? [join(stateDir, 'state', 'openclaw.sqlite'), own] : [own]
}

/** Where the agent's credentials are: for main the shared store (state db, else main's own, as OpenClaw picks). */
export function resolveStateDatabase(ctx: Pick<StoreContext, 'stateDir' | 'agentDir' | 'agentId'>): string {
  const [first, second] = resolveAgentDatabases(ctx)
  return second && !existsSync(first!) && existsSync(second) ? second : first!
}

export async function openSqliteStore(ctx: StoreContext): Promise<AuthStore> {
  const { stateDir, agentDir, agentId, env, signal, release } = ctx
  const { provider } = release
  const runtime = await resolveOpenclawRuntime(env)
  const sdkPath = await resolveSdkPath(runtime.packageDir)
  const dbPath = resolveStateDatabase(ctx)
  const databases = resolveAgentDatabases(ctx)
  const openclawEnv: Env = { ...env, OPENCLAW_STATE_DIR: stateDir }
  // A write is let finish once begun (the SDK's own transactions; a replace is a remove and an
  // upsert that must not be split), so it is only not begun after a Ctrl-C; a read stops at once.
  const call = <T>(request: Record<string, unknown> | Promise<Record<string, unknown>>, schema: z.ZodType<T>, { write = false } = {}) => {
    if (write && signal?.aborted) throw new Interrupted(signal.reason)
    const full = Promise.resolve(request).then((r) => ({
      ...r, sdkPath, dbPath, databases, agentId, keepBackups: KEEP_BACKUPS,
      // Main's profiles go to the shared store (as OpenClaw's own login puts them); the order to the agent's own.
      agentDir: agentId === 'main' ? undefined : agentDir, orderAgentDir: agentDir,
      notify: release.authRefreshRpc,
    }))
    return callBridge(runtime, full, schema, { env: openclawEnv, signal: write ? undefined : signal, sdkPath })
  }
  /** The bridge's add request for a login, and what its reply means. */
  const addRequest = ({ profileId, credential: c, replace }: UpsertRequest) => ({
    op: 'add', profileId, replace, provider,
    // What OpenClaw's own Codex login stores, where the claims have it.
    credential: {
      type: 'oauth', provider, access: c.access, refresh: c.refresh, expires: c.expires, accountId: c.accountId,
      ...(c.email ? { email: c.email } : {}), ...(c.plan ? { chatgptPlanType: c.plan } : {}), ...(c.idToken ? { idToken: c.idToken } : {}),
    },
  })
  const readAddReply = (r: z.infer<typeof addReply>, { profileId, credential, replace }: UpsertRequest): UpsertResult => {
    // The conflict rules are assertUpsertAllowed's; the bridge found one before writing anything.
    if ('conflict' in r) {
      assertUpsertAllowed(r.conflict, { profileId, accountId: credential.accountId, replace }) // throws the one-line refusal
      throw new CafError(`${profileId} was not stored: it conflicts with ${r.conflict.map((p) => p.profileId).join(', ')}; nothing was written`)
    }
    for (const path of databases) recordWrite(path)
    return { profileId, replaced: r.replaced, order: r.order, backupPath: r.backupPaths[0], warnings: r.warnings }
  }
  // Reading must not create a database.
  const anyDatabase = async () => (await Promise.all(databases.map(exists))).some(Boolean)

  async function listProfiles(): Promise<ProfileSummary[]> {
    if (!(await anyDatabase())) return []
    return (await call({ op: 'list' }, listReply)).profiles
  }

  return {
    kind: 'sqlite',
    path: dbPath,
    provider,
    listProfiles,
    async loadOrder() {
      if (!(await anyDatabase())) return {}
      // The agent's own dir even for main: its order override lives there (what `order get --agent` shows).
      return (await call({ op: 'order' }, orderReply)).order
    },
    async upsertCodexProfile(request: UpsertRequest): Promise<UpsertResult> {
      return readAddReply(await call(addRequest(request), addReply, { write: true }), request)
    },
    // The bridge starts now and loads OpenClaw's SDK while the user signs in; the request follows.
    beginUpsert() {
      let send!: (r: Record<string, unknown>) => void
      let drop!: (why: Error) => void
      const request = new Promise<Record<string, unknown>>((resolve, reject) => { send = resolve; drop = reject })
      const reply = call(request, addReply, { write: true })
      reply.catch(() => {}) // a cancelled one is nobody's error
      return {
        async upsert(r: UpsertRequest) {
          if (signal?.aborted) {
            drop(new Interrupted(signal.reason))
            throw new Interrupted(signal.reason)
          }
          send(addRequest(r))
          return readAddReply(await reply, r)
        },
        cancel: () => drop(new Error('no login to store')),
      }
    },
    async loadCodexAccounts() {
      if (!(await anyDatabase())) return { accounts: [] }
      const r = await call({ op: 'accounts', provider }, accountsReply)
      for (const a of r.accounts) registerSecret(a.access)
      return r
    },
    async saveCodexOrder(order) {
      // The agent's own order (its openclaw-agent.sqlite), what `models auth order set --agent` writes.
      const r = await call({ op: 'setOrder', provider, order }, removeReply, { write: true })
      recordWrite(databases.at(-1)!)
      return { backupPath: r.backupPaths[0], warnings: r.warnings }
    },
    async removeProfile(profileId: string): Promise<RemoveResult> {
      const target = requireStoredProfile(await listProfiles(), { profileId, path: dbPath })
      const r = await call({ op: 'remove', profileIds: [profileId], provider: target.provider }, removeReply, { write: true })
      for (const path of databases) recordWrite(path)
      return { backupPath: r.backupPaths[0], warnings: r.warnings }
    },
  }
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(() => true, () => false)
}
