// Unsigned-for-our-purposes JWTs with chosen claims, for claim tests and fixtures.
import { randomBytes } from 'node:crypto'
import { SignJWT } from 'jose'
import { recordTokens } from './record.ts'

const key = randomBytes(32)

export async function makeJwt(claims: Record<string, unknown>): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(key)
}

export const AUTH = 'https://api.openai.com/auth'
export const PROFILE = 'https://api.openai.com/profile'

/** A token pair as codex writes it, for an account that expires in an hour. */
export async function makeTokens({ accountId = 'acct-a', email = 'a@example.com', plan = 'plus', exp = Math.floor(Date.now() / 1000) + 3600 } = {}) {
  const auth = { chatgpt_account_id: accountId, chatgpt_plan_type: plan }
  const tokens = {
    access: await makeJwt({ exp, [AUTH]: auth, [PROFILE]: { email } }),
    idToken: await makeJwt({ exp, email, [AUTH]: auth }),
    refresh: `rt_${randomBytes(16).toString('hex')}`,
  }
  recordTokens(tokens.access, tokens.idToken, tokens.refresh)
  return tokens
}

/** A codex auth.json text for those tokens. */
export function codexAuthJson(t: { access: string; refresh: string; idToken?: string }, accountId = 'acct-a'): string {
  return JSON.stringify({ auth_mode: 'chatgpt', OPENAI_API_KEY: null, tokens: { id_token: t.idToken, access_token: t.access, refresh_token: t.refresh, account_id: accountId }, last_refresh: new Date().toISOString() }, null, 2)
}
