// Runs on the Node that OpenClaw runs on (2026.9 needs >= 24.16), never through tsx: the one
// place this tool touches the state database, and only through OpenClaw's public plugin SDK
// (`openclaw/plugin-sdk/provider-auth`), never with SQL of our own. The one exception is the
// backup, an online copy made with node:sqlite's backup() (see backup below for why).
// Request: one JSON object on stdin (tokens travel here, never in argv). Reply: one JSON line.
import { createHash } from 'node:crypto'
import { chmod, mkdir, readdir, rm, stat } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'

process.umask(0o077)
const FENCE = 'openclaw-oauth-refresh-fence:'
const request = JSON.parse(await readStdin())
const sdk = await import(pathToFileURL(request.sdkPath).href)
const where = request.agentDir ? { agentDir: request.agentDir } : {}

function loadStore() {
  return sdk.ensureAuthProfileStore(request.agentDir, { readOnly: true, allowKeychainPrompt: false, syncExternalCli: false })
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
// side effect; an online backup of the one database we are about to change touches nothing else.
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
  async order() {
    const store = sdk.ensureAuthProfileStore(request.orderAgentDir, { readOnly: true, allowKeychainPrompt: false, syncExternalCli: false })
    return { order: store.order ?? {} }
  },
  async upsert() {
    const { profileId, credential, dbPath, keepBackups, replace } = request
    const backupPath = (await exists(dbPath)) ? await backup(dbPath, keepBackups) : undefined
    // OpenClaw refuses to put a new refresh-token generation over an existing OAuth profile (it
    // guards against a stale writer undoing a rotation), so --replace removes the old one first
    // and puts it back if the new one is refused.
    const old = replace ? loadStore().profiles?.[profileId] : undefined
    if (old) await sdk.removeProviderAuthProfilesWithLock({ provider: old.provider, profileIds: [profileId], ...where })
    const result = await sdk.upsertAuthProfileWithLock({ profileId, credential, ...where })
    const saved = loadStore().profiles?.[profileId]
    // The SDK swallows its errors (null), and refuses a refresh token it has seen fail: check.
    if (!result || saved?.refresh !== credential.refresh || saved?.access !== credential.access) {
      if (old) await sdk.upsertAuthProfileWithLock({ profileId, credential: old, ...where })
      return { error: 'OpenClaw did not store the credential (its SDK refused it; a refresh token that already failed once is refused): sign in again' }
    }
    return { backupPath }
  },
  async remove() {
    const { profileIds, provider, dbPath, keepBackups } = request
    const backupPath = (await exists(dbPath)) ? await backup(dbPath, keepBackups) : undefined
    const result = await sdk.removeProviderAuthProfilesWithLock({ provider, profileIds, ...where })
    if (!result) return { error: 'OpenClaw did not remove the profile (its SDK returned no store)' }
    return { backupPath }
  },
}

try {
  const op = ops[request.op]
  if (!op) throw new Error(`unknown op ${request.op}`)
  process.stdout.write(`${JSON.stringify(await op())}\n`)
} catch (err) {
  // Messages from OpenClaw's SDK name paths and ids, not credentials; the caller redacts anyway.
  process.stdout.write(`${JSON.stringify({ error: String(err?.message ?? err).split('\n')[0] })}\n`)
}

async function readStdin() {
  let data = ''
  for await (const chunk of process.stdin) data += chunk
  return data
}
