// Test helper run on OpenClaw's node: prints, for each profile, sha256 of its tokens (so a test
// can compare tokens without ever printing one) and the other fields. argv: sdkPath [agentDir]
import { createHash } from 'node:crypto'
import { pathToFileURL } from 'node:url'
const [sdkPath, agentDir] = process.argv.slice(2)
const sdk = await import(pathToFileURL(sdkPath).href)
const store = sdk.ensureAuthProfileStore(agentDir || undefined, { readOnly: true, allowKeychainPrompt: false, syncExternalCli: false })
const hash = (s) => (s ? createHash('sha256').update(s).digest('hex') : null)
const rows = Object.entries(store.profiles).map(([id, c]) => [id, { refresh: hash(c.refresh), access: hash(c.access), idToken: hash(c.idToken), accountId: c.accountId, email: c.email, chatgptPlanType: c.chatgptPlanType, expires: c.expires }])
process.stdout.write(JSON.stringify(Object.fromEntries(rows)))
