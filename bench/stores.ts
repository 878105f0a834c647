// Credential stores of any size for the bench: profiles shaped like the ones add-profile writes
// (JWT-shaped access tokens of a realistic length, distinct accounts), put into auth-profiles.json
// directly or into the state database through OpenClaw's own SDK, as the real tools would.
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { resolveSdkPath } from '../lib/openclaw/runtime.ts'
import { resolveJsonStorePath } from '../lib/openclaw/stores/json.ts'

export interface SyntheticProfile {
  profileId: string
  credential: { type: 'oauth'; provider: string; access: string; refresh: string; expires: number; accountId: string; email: string }
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')

/** n Codex profiles `<provider>:user<i>`; tokens are random (never printed) and expire in ten days. */
export function resolveSyntheticProfiles(n: number, provider: string, { prefix = 'user', now = Date.now() } = {}): SyntheticProfile[] {
  const expires = now + 10 * 24 * 3_600_000
  return Array.from({ length: n }, (_, i) => {
    const name = `${prefix}${String(i).padStart(5, '0')}`
    const accountId = `acct-${name}-${randomBytes(4).toString('hex')}`
    const email = `${name}@example.com`
    const claims = {
      'https://api.openai.com/auth': { chatgpt_account_id: accountId, chatgpt_plan_type: 'plus', chatgpt_user_id: `user-${accountId}` },
      'https://api.openai.com/profile': { email, email_verified: true },
      scp: ['openid', 'profile', 'email', 'offline_access'], iss: 'https://auth.openai.com', aud: ['https://api.openai.com/v1'],
      sub: `auth0|${randomBytes(12).toString('hex')}`, jti: randomBytes(16).toString('hex'), iat: Math.floor(now / 1000), exp: Math.floor(expires / 1000),
    }
    // An RS256 signature is 342 base64url characters.
    const access = `${b64({ alg: 'RS256', typ: 'JWT', kid: 'bench' })}.${b64(claims)}.${randomBytes(256).toString('base64url')}`
    return { profileId: `${provider}:${name}`, credential: { type: 'oauth', provider, access, refresh: `rt_${randomBytes(48).toString('base64url')}`, expires, accountId, email } }
  })
}

/** auth-profiles.json as add-profile leaves it: the profiles and their order. Returns its size in bytes. */
export async function writeJsonStore(agentDir: string, profiles: SyntheticProfile[]): Promise<number> {
  const path = resolveJsonStorePath(agentDir)
  const provider = profiles[0]?.credential.provider ?? 'openai-codex'
  const store = { version: 1, profiles: Object.fromEntries(profiles.map((p) => [p.profileId, p.credential])), order: { [provider]: profiles.map((p) => p.profileId) } }
  const text = `${JSON.stringify(store, null, 2)}\n`
  await mkdir(dirname(path), { recursive: true, mode: 0o700 })
  await writeFile(path, text, { mode: 0o600 })
  return Buffer.byteLength(text)
}

/** The profiles into the state database of the installed OpenClaw, through its plugin SDK, in one process. */
export async function writeSqliteStore({ node, packageDir, stateDir, env, profiles }: {
  node: string; packageDir: string; stateDir: string; env: NodeJS.ProcessEnv; profiles: SyntheticProfile[]
}): Promise<void> {
  const script = `import { pathToFileURL } from 'node:url'
let input = ''
for await (const chunk of process.stdin) input += chunk
const sdk = await import(pathToFileURL(process.argv[1]).href)
for (const p of JSON.parse(input)) if (!(await sdk.upsertAuthProfileWithLock(p))) process.exit(1)`
  const child = spawn(node, ['--input-type=module', '-e', script, await resolveSdkPath(packageDir)], { env: { ...env, OPENCLAW_STATE_DIR: stateDir }, stdio: ['pipe', 'ignore', 'pipe'] })
  let stderr = ''
  child.stderr.on('data', (d) => (stderr += d))
  child.stdin.end(JSON.stringify(profiles))
  const code = await new Promise((r) => child.on('close', r))
  if (code !== 0) throw new Error(`storing ${profiles.length} profiles through OpenClaw's SDK failed: ${stderr.trim().split('\n').pop()}`)
}
