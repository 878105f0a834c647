// Test helper run on OpenClaw's node: prints, for each profile, sha256 of its tokens (so a test
// can compare tokens without ever printing one) and the other fields. argv: sdkPath [agentDir]
// [--state]: with --state it prints OpenClaw's bookkeeping instead: order, lastGood, usageStats.
import { createHash } from 'node:crypto'
import { pathToFileURL } from 'node:url'
const args = process.argv.slice(2).filter((a) => a !== '--state')
const [sdkPath, agentDir] = args
const sdk = await import(pathToFileURL(sdkPath).href)
const store = sdk.ensureAuthProfileStore(agentDir || undefined, { readOnly: true, allowKeychainPrompt: false, syncExternalCli: false })
if (process.argv.includes('--state')) {
  process.stdout.write(JSON.stringify({ order: store.order ?? {}, lastGood: store.lastGood ?? {}, usageStats: store.usageStats ?? {} }))
  process.exit(0)
}
const hash = (s) => (s ? createHash('sha256').update(s).digest('hex') : null)
const rows = Object.entries(store.profiles).map(([id, c]) => [id, { refresh: hash(c.refresh), access: hash(c.access), idToken: hash(c.idToken), accountId: c.accountId, email: c.email, chatgptPlanType: c.chatgptPlanType, expires: c.expires, provider: c.provider, type: c.type }])
process.stdout.write(JSON.stringify(Object.fromEntries(rows)))
process.exit(0)
