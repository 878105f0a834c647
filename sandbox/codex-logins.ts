// Codex logins for accounts of the loopback backend, as `codex login` leaves them in auth.json:
// JWTs carrying the claims OpenAI's carry, expiring in ten years so OpenClaw never tries to refresh
// them at auth.openai.com. The backend reads the account from the access token's claim.
import { randomBytes } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { SignJWT } from 'jose'

const key = randomBytes(32)
const AUTH = 'https://api.openai.com/auth'
const PROFILE = 'https://api.openai.com/profile'

export interface LoopbackAccount {
  name: string
  accountId: string
  email: string
  plan?: string
}

/** The person behind a name: alice -> acct-alice, alice@example.com. */
export function resolveLoopbackAccount(name: string, plan = 'plus'): LoopbackAccount {
  return { name, accountId: `acct-${name}`, email: `${name}@example.com`, plan }
}

/** Writes <dir>/<name>-auth.json (0600) for the account and returns its path; tokens go to onTokens. */
export async function writeCodexLogin(dir: string, a: LoopbackAccount, { onTokens }: { onTokens?: (...tokens: string[]) => void } = {}): Promise<string> {
  const exp = Math.floor(Date.now() / 1000) + 10 * 365 * 86_400
  const auth = { chatgpt_account_id: a.accountId, chatgpt_plan_type: a.plan ?? 'plus', chatgpt_user_id: `user-${a.accountId}` }
  const sign = (claims: Record<string, unknown>) => new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime(exp).sign(key)
  const access = await sign({ [AUTH]: auth, [PROFILE]: { email: a.email } })
  const idToken = await sign({ email: a.email, [AUTH]: auth })
  const refresh = `rt_${randomBytes(24).toString('base64url')}`
  onTokens?.(access, idToken, refresh)
  const path = join(dir, `${a.name}-auth.json`)
  const tokens = { id_token: idToken, access_token: access, refresh_token: refresh, account_id: a.accountId }
  await writeFile(path, `${JSON.stringify({ auth_mode: 'chatgpt', OPENAI_API_KEY: null, tokens, last_refresh: new Date().toISOString() }, null, 2)}\n`, { mode: 0o600 })
  return path
}
