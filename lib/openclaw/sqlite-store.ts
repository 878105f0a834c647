// Adapter for the state database of OpenClaw 2026.6.5+ (state/openclaw.sqlite, or an agent's
// openclaw-agent.sqlite). Credentials go through OpenClaw's own plugin SDK, run by sdk-bridge.mjs
// on OpenClaw's Node; the order through `openclaw models auth order`; a running gateway is told
// through `models.authRefresh` (2026.9.5+).
import { spawn } from 'node:child_process'
import { access } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'
import { CafError } from '../errors.ts'
import { KEEP_BACKUPS } from '../files.ts'
import { isAtLeast } from './generation.ts'
import { describeFailure, firstLine, parseJsonOutput, resolveOpenclawRuntime, resolveSdkPath, runOpenclaw, type OpenclawRuntime } from './runtime.ts'
import { appendToOrder, resolveRemovalTarget, resolveUpsertConflict } from './store.ts'
import type { AuthStore, ProfileSummary, RemoveResult, UpsertRequest, UpsertResult } from './store.ts'
import type { StoreContext } from './open-store.ts'
import type { Env } from './state-dir.ts'

const BRIDGE = fileURLToPath(new URL('./sdk-bridge.mjs', import.meta.url))

export function resolveStateDatabase({ stateDir, agentDir, agentId }: Pick<StoreContext, 'stateDir' | 'agentDir' | 'agentId'>): string {
  return agentId === 'main' ? join(stateDir, 'state', 'openclaw.sqlite') : join(agentDir, 'openclaw-agent.sqlite')
}

export async function openSqliteStore(ctx: StoreContext & { provider: string; version?: string }): Promise<AuthStore> {
  const { stateDir, agentDir, agentId, env, provider, version } = ctx
  const runtime = await resolveOpenclawRuntime(env)
  const sdkPath = await resolveSdkPath(runtime.packageDir)
  const dbPath = resolveStateDatabase(ctx)
  const call = (request: Record<string, unknown>) => callBridge(runtime, { ...request, sdkPath, dbPath, agentDir: agentId === 'main' ? undefined : agentDir, keepBackups: KEEP_BACKUPS }, { ...env, OPENCLAW_STATE_DIR: stateDir })
  const openclawEnv: Env = { ...env, OPENCLAW_STATE_DIR: stateDir }

  async function listProfiles(): Promise<ProfileSummary[]> {
    if (!(await exists(dbPath))) return [] // reading must not create the database
    return ((await call({ op: 'list' })) as { profiles: ProfileSummary[] }).profiles
  }

  return {
    kind: 'sqlite',
    path: dbPath,
    provider,
    listProfiles,
    async loadOrder() {
      if (!(await exists(dbPath))) return {}
      // The agent's own dir even for main: its order override lives there (what `order get --agent` shows).
      return ((await call({ op: 'order', orderAgentDir: agentDir })) as { order: Record<string, string[]> }).order
    },
    async upsertCodexProfile({ profileId, credential: c, replace }: UpsertRequest): Promise<UpsertResult> {
      const before = await listProfiles()
      const { replaced } = resolveUpsertConflict(before, { profileId, accountId: c.accountId, replace })
      // What OpenClaw's own Codex login stores, where the claims have it.
      const credential = {
        type: 'oauth', provider, access: c.access, refresh: c.refresh, expires: c.expires, accountId: c.accountId,
        ...(c.email ? { email: c.email } : {}), ...(c.plan ? { chatgptPlanType: c.plan } : {}), ...(c.idToken ? { idToken: c.idToken } : {}),
      }
      const orderArgs = { env: openclawEnv, agentId, provider }
      const orderBefore = await loadOrder(orderArgs)
      const { backupPath } = (await call({ op: 'upsert', profileId, credential, replace: replaced })) as { backupPath?: string }
      // No order yet: OpenClaw treats an explicit order as the whole list, so start from every profile.
      // A replaced profile keeps its place (OpenClaw dropped it from the order when removing it).
      const order = appendToOrder(orderBefore ?? before.filter((p) => p.provider === provider).map((p) => p.profileId), profileId)
      const orderNow = await loadOrder(orderArgs)
      if (orderNow?.join('\n') !== order.join('\n')) await saveOrder({ ...orderArgs, order }, 'stored')
      const warnings: string[] = []
      if (version && isAtLeast(version, '2026.9.5')) await notifyGateway(openclawEnv, warnings)
      return { profileId, replaced, order, backupPath, warnings }
    },
    async removeProfile(profileId: string): Promise<RemoveResult> {
      const target = resolveRemovalTarget(await listProfiles(), { profileId, path: dbPath })
      const { backupPath } = (await call({ op: 'remove', profileIds: [profileId], provider: target.provider })) as { backupPath?: string }
      const warnings: string[] = []
      await pruneOrder({ env: openclawEnv, agentId, provider: target.provider, profileId })
      if (version && isAtLeast(version, '2026.9.5')) await notifyGateway(openclawEnv, warnings)
      return { backupPath, warnings }
    },
  }
}

interface OrderArgs {
  env: Env
  agentId: string
  provider: string
}

async function loadOrder({ env, agentId, provider }: OrderArgs): Promise<string[] | undefined> {
  const get = await runOpenclaw(['models', 'auth', 'order', 'get', '--provider', provider, '--agent', agentId, '--json'], { env })
  if (!get.ok) throw new CafError(`openclaw models auth order get failed: ${describeFailure(get)}`)
  return (parseJsonOutput(get.stdout, 'models auth order get') as { order?: string[] | null }).order ?? undefined
}

/** `order set` with the list, or `order clear` for none; `done` says what already happened to the credential. */
async function saveOrder({ env, agentId, provider, order }: OrderArgs & { order: string[] }, done: 'stored' | 'removed'): Promise<void> {
  const args = [order.length ? 'set' : 'clear', '--provider', provider, '--agent', agentId, ...order]
  const r = await runOpenclaw(['models', 'auth', 'order', ...args], { env })
  if (!r.ok) throw new CafError(`the credential was ${done}, but openclaw models auth order ${args[0]} failed: ${describeFailure(r)}; run it yourself: openclaw models auth order ${args.join(' ')}`)
}

// OpenClaw's SDK prunes the shared store's order, but the agent's own order override (in
// agents/<id>/agent/openclaw-agent.sqlite, what `order get --agent` shows) still named the removed
// profile on 2026.9.6 (run): set it to the rest, or clear it when nothing is left.
async function pruneOrder({ profileId, ...args }: OrderArgs & { profileId: string }): Promise<void> {
  const order = await loadOrder(args)
  if (order?.includes(profileId)) await saveOrder({ ...args, order: order.filter((id) => id !== profileId) }, 'removed')
}

async function notifyGateway(env: Env, warnings: string[]): Promise<void> {
  const r = await runOpenclaw(['gateway', 'call', 'models.authRefresh', '--params', '{"operation":"update"}', '--json'], { env, timeoutMs: 30_000 })
  if (!r.ok) warnings.push(`no running gateway was told of the change (${describeFailure(r)}); a gateway started later reads it anyway`)
}

async function callBridge(runtime: OpenclawRuntime, request: Record<string, unknown>, env: Env): Promise<unknown> {
  const child = spawn(runtime.node, [BRIDGE], { env: env as NodeJS.ProcessEnv, stdio: ['pipe', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d) => (stdout += d))
  child.stderr.on('data', (d) => (stderr += d))
  child.stdin.end(JSON.stringify(request))
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', (err) => reject(new CafError(`cannot run OpenClaw's node (${runtime.node}); set OPENCLAW_NODE`, { cause: err })))
    child.on('close', resolve)
  })
  const reply = stdout.trim().split('\n').pop()
  let parsed: { error?: string } | undefined
  try {
    parsed = reply ? JSON.parse(reply) : undefined
  } catch {
    parsed = undefined
  }
  if (!parsed) throw new CafError(`OpenClaw's plugin SDK did not answer (exit ${code}): ${firstLine(stderr)}`)
  if (parsed.error) throw new CafError(`OpenClaw's plugin SDK: ${parsed.error}`)
  return parsed
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(() => true, () => false)
}
