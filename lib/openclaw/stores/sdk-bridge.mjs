// Runs on the Node that OpenClaw runs on (2026.9 needs >= 24.16), never through tsx: the one
// place this tool touches the state database, and only through OpenClaw's public plugin SDK
// (`openclaw/plugin-sdk/provider-auth`, and `gateway-runtime` to tell a running gateway), never
// with SQL of our own. The one exception is the backup, an online copy made with node:sqlite's
// backup() (see backup below for why). A whole add or remove (credential, the agent's order, the
// gateway told) is one process: each `openclaw` CLI call costs several seconds of start-up.
// Request: one JSON object on stdin (tokens travel here, never in argv). Reply: one JSON line.
// With $CAF_BRIDGE_SDK set it loads the SDK at once, while the request is still on its way (the
// caller may start it before a login and send the request after it); an empty stdin is no request.
import { createHash } from 'node:crypto'
import { chmod, mkdir, readdir, rm, stat } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'

process.umask(0o077)
const FENCE = 'openclaw-oauth-refresh-fence:'
const early = process.env.CAF_BRIDGE_SDK ? import(pathToFileURL(process.env.CAF_BRIDGE_SDK).href) : undefined
early?.catch(() => {}) // a failure to load is reported once the request says what was wanted
const input = await readStdin()
if (!input.trim()) process.exit(0)
const request = JSON.parse(input)
const sdk = await (early && request.sdkPath === process.env.CAF_BRIDGE_SDK ? early : import(pathToFileURL(request.sdkPath).href))
const where = request.agentDir ? { agentDir: request.agentDir } : {}
const READ_ONLY = { readOnly: true, allowKeychainPrompt: false, syncExternalCli: false }

function loadStore() {
  return sdk.ensureAuthProfileStore(request.agentDir, READ_ONLY)
}

/** The agent's own order for a provider (what `openclaw models auth order get --agent` shows). */
function loadAgentOrder(provider) {
  return sdk.ensureAuthProfileStore(request.orderAgentDir, READ_ONLY).order?.[provider]
}

/**
 * What `openclaw models auth order set|clear --agent` does: the agent's own order for the provider,
 * written under OpenClaw's store lock. preserveOrderProfileIds keeps ids of profiles that live in
 * the shared store, which a save would otherwise prune from the agent's order.
 */
async function saveAgentOrder(provider, order) {
  const saved = await sdk.updateAuthProfileStoreWithLock({
    agentDir: request.orderAgentDir,
    saveOptions: { preserveOrderProfileIds: order },
    updater: (store) => {
      const next = { ...(store.order ?? {}) }
      if (order.length) next[provider] = order
      else delete next[provider]
      store.order = next
      return true
    },
  })
  if (!saved) throw new Error(`OpenClaw did not save the order for ${provider} (its SDK returned no store)`)
}

/** `models.authRefresh` to a running gateway (2026.9.5+); no gateway is a warning, not an error. */
async function notifyGateway(warnings) {
  if (!request.notify) return
  try {
    const gateway = await import(pathToFileURL(join(dirname(request.sdkPath), 'gateway-runtime.js')).href)
    await gateway.callGatewayFromCli('models.authRefresh', { json: true, timeout: '5000' }, { operation: 'update', agentId: request.agentId }, { progress: false })
  } catch (err) {
    warnings.push(`no running gateway was told of the change (${String(err?.message ?? err).split('\n')[0]}); a gateway started later reads it anyway`)
  }
}

function appendToOrder(order, id) {
  return order.includes(id) ? [...order] : [...order, id]
}

const USAGE_KEYS = ['lastUsed', 'errorCount', 'cooldownUntil', 'cooldownReason', 'disabledUntil', 'disabledReason', 'blockedUntil', 'blockedReason', 'blockedModel']

function summarize(store) {
  return Object.entries(store.profiles ?? {}).map(([profileId, c]) => {
    const refresh = typeof c.refresh === 'string' && !c.refresh.startsWith(FENCE) ? c.refresh : undefined
    const stats = store.usageStats?.[profileId] ?? {}
    const usage = Object.fromEntries(USAGE_KEYS.filter((k) => typeof stats[k] === 'number' || typeof stats[k] === 'string').map((k) => [k, stats[k]]))
    return {
      profileId,
      provider: c.provider,
      type: c.type,
      email: c.email,
      accountId: c.accountId,
      plan: c.chatgptPlanType,
      expires: c.expires,
      hasRefresh: Boolean(refresh),
      ...(refresh ? { refreshDigest: createHash('sha256').update(refresh).digest('hex') } : {}),
      refreshFailed: String(c.access ?? '').startsWith(FENCE) || String(c.refresh ?? '').startsWith(FENCE),
      ...(Object.keys(usage).length ? { usage } : {}),
    }
  })
}

// `openclaw backup sqlite create` exists in 2026.9, but it also writes $STATE/openclaw.json as a
// side effect; an online backup of the databases we are about to change touches nothing else.
async function backupAll(paths, keep) {
  const made = []
  for (const path of paths) if (await exists(path)) made.push(await backup(path, keep))
  return made
}

async function backup(dbPath, keep) {
  const { DatabaseSync, backup: sqliteBackup } = await import('node:sqlite')
  const dir = join(dirname(dbPath), '.codex-auth-fallback-backups')
  await mkdir(dir, { recursive: true, mode: 0o700 })
  await chmod(dir, 0o700)
  const target = join(dir, `${basename(dbPath)}.${new Date().toISOString().replace(/[:.]/g, '-')}`)
  const db = new DatabaseSync(dbPath, { readOnly: true })
  try {
    await sqliteBackup(db, target)
  } finally {
    db.close()
  }
  await chmod(target, 0o600)
  const prefix = `${basename(dbPath)}.`
  const all = (await readdir(dir)).filter((n) => n.startsWith(prefix) && /^\d{4}-/.test(n.slice(prefix.length))).sort()
  for (const old of all.slice(0, Math.max(0, all.length - keep))) await rm(join(dir, old), { force: true })
  return target
}

async function exists(path) {
  return stat(path).then(() => true, () => false)
}

const ops = {
  async list() {
    return { profiles: summarize(loadStore()) }
  },
  // The Codex accounts' access tokens, for the usage endpoint only (the caller registers them as
  // secrets at once), and the order OpenClaw reads for this agent.
  async accounts() {
    const { provider } = request
    const store = loadStore()
    const accounts = Object.entries(store.profiles ?? {})
      .filter(([, c]) => c.provider === provider && c.type === 'oauth' && typeof c.access === 'string' && !c.access.startsWith(FENCE))
      .map(([profileId, c]) => ({ profileId, access: c.access, accountId: c.accountId, email: c.email, plan: c.chatgptPlanType, expires: c.expires }))
    const order = loadAgentOrder(provider)
    return { accounts, ...(order ? { order } : {}) }
  },
  async setOrder() {
    const { provider, order, databases, keepBackups } = request
    const backupPaths = await backupAll(databases.slice(-1), keepBackups)
    await saveAgentOrder(provider, order)
    const warnings = []
    await notifyGateway(warnings)
    return { backupPaths, warnings }
  },
  async order() {
    return { order: sdk.ensureAuthProfileStore(request.orderAgentDir, READ_ONLY).order ?? {} }
  },
  // The whole of add-profile's write: the credential (refused before anything is written when the
  // name is taken without replace, or the account is stored under another name: the caller words
  // the refusal), the agent's order, and the gateway told.
  async add() {
    const { profileId, credential, replace, provider, databases, keepBackups } = request
    const before = loadStore().profiles ?? {}
    const existing = before[profileId]
    const twin = Object.entries(before).find(([id, c]) => id !== profileId && credential.accountId && c.accountId === credential.accountId)
    if ((existing && !replace) || twin) {
      return { conflict: summarize({ profiles: Object.fromEntries([...(existing ? [[profileId, existing]] : []), ...(twin ? [twin] : [])]) }) }
    }
    const orderBefore = loadAgentOrder(provider)
    const backupPaths = await backupAll(databases, keepBackups)
    // OpenClaw refuses to put a new refresh-token generation over an existing OAuth profile (it
    // guards against a stale writer undoing a rotation), so --replace removes the old one first
    // and puts it back if the new one is refused.
    if (existing) await sdk.removeProviderAuthProfilesWithLock({ provider: existing.provider, profileIds: [profileId], ...where })
    const result = await sdk.upsertAuthProfileWithLock({ profileId, credential, ...where })
    const saved = loadStore().profiles?.[profileId]
    // The SDK swallows its errors (null), and refuses a refresh token it has seen fail: check.
    if (!result || saved?.refresh !== credential.refresh || saved?.access !== credential.access) {
      if (existing) await sdk.upsertAuthProfileWithLock({ profileId, credential: existing, ...where })
      return { error: 'OpenClaw did not store the credential (its SDK refused it; a refresh token that already failed once is refused): sign in again' }
    }
    // No order yet: OpenClaw treats an explicit order as the whole list, so start from every profile
    // of the provider. A replaced profile keeps its place (OpenClaw dropped it when removing it).
    const start = orderBefore ?? Object.entries(before).filter(([, c]) => c.provider === provider).map(([id]) => id)
    const order = appendToOrder(start, profileId)
    if ((loadAgentOrder(provider) ?? []).join('\n') !== order.join('\n')) await saveAgentOrder(provider, order)
    const warnings = []
    await notifyGateway(warnings)
    return { backupPaths, order, replaced: Boolean(existing), warnings }
  },
  async remove() {
    const { profileIds, provider, databases, keepBackups } = request
    const backupPaths = await backupAll(databases, keepBackups)
    const result = await sdk.removeProviderAuthProfilesWithLock({ provider, profileIds, ...where })
    if (!result) return { error: 'OpenClaw did not remove the profile (its SDK returned no store)' }
    // The SDK prunes the shared store's order, but the agent's own order override still named the
    // removed profile on 2026.9.6 (run): set it to the rest, or clear it when nothing is left.
    const order = loadAgentOrder(provider)
    if (order?.some((id) => profileIds.includes(id))) await saveAgentOrder(provider, order.filter((id) => !profileIds.includes(id)))
    const warnings = []
    await notifyGateway(warnings)
    return { backupPaths, warnings }
  },
}

let reply
try {
  const op = ops[request.op]
  if (!op) throw new Error(`unknown op ${request.op}`)
  reply = await op()
} catch (err) {
  // Messages from OpenClaw's SDK name paths and ids, not credentials; the caller redacts anyway.
  reply = { error: String(err?.message ?? err).split('\n')[0] }
}
// The gateway client can leave a socket or timer behind: once the reply is out, stop.
process.stdout.write(`${JSON.stringify(reply)}\n`, () => process.exit(0))

async function readStdin() {
  let data = ''
  for await (const chunk of process.stdin) data += chunk
  return data
}
