// Which account a request speaks for. Both OpenClaw releases take the `chatgpt-account-id`
// header from the access token's claim, so the claim is the identity and the header, when sent,
// has to agree. Decoded, never verified: the stand-in trusts whatever tokens the test minted.
import { decodeJwt } from 'jose'
import { z } from 'zod'

const AUTH_CLAIM = 'https://api.openai.com/auth'

const claims = z.object({
  [AUTH_CLAIM]: z.object({ chatgpt_account_id: z.string().min(1) }).loose(),
}).loose()

export type Identity = { ok: true; accountId: string } | { ok: false; reason: string }

export function resolveIdentity({ authorization, accountHeader }: { authorization?: string; accountHeader?: string }): Identity {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1]
  if (!token) return { ok: false, reason: 'no bearer token' }
  let payload: unknown
  try {
    payload = decodeJwt(token)
  } catch {
    return { ok: false, reason: 'token is not a JWT' }
  }
  const parsed = claims.safeParse(payload)
  if (!parsed.success) return { ok: false, reason: 'token has no chatgpt_account_id claim' }
  const accountId = parsed.data[AUTH_CLAIM].chatgpt_account_id
  if (accountHeader !== undefined && accountHeader !== accountId) return { ok: false, reason: 'chatgpt-account-id header disagrees with the token' }
  return { ok: true, accountId }
}
