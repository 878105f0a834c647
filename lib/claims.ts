// What an OpenAI (ChatGPT sign-in) token pair says about its account. Decoded, not verified:
// the tokens come from OpenAI through the codex CLI (or a file the user gave us), and OpenClaw
// only needs the claims to label and de-duplicate profiles.
import { decodeJwt } from 'jose'
import { z } from 'zod'
import { CafError } from './errors.ts'

const AUTH_CLAIM = 'https://api.openai.com/auth'
const PROFILE_CLAIM = 'https://api.openai.com/profile'

const authClaim = z.object({
  chatgpt_account_id: z.string().min(1).optional(),
  chatgpt_plan_type: z.string().optional(),
}).loose()

const accessClaims = z.object({
  exp: z.number({ error: 'has no exp claim' }).int().positive(),
  email: z.string().optional(),
  [AUTH_CLAIM]: authClaim.optional(),
  [PROFILE_CLAIM]: z.object({ email: z.string().optional() }).loose().optional(),
}).loose()

const idClaims = z.object({
  email: z.string().optional(),
  [AUTH_CLAIM]: authClaim.optional(),
}).loose()

export interface CodexIdentity {
  accountId: string
  email?: string
  plan?: string
  /** Access token expiry, ms since the epoch (OpenClaw's unit). */
  expires: number
}

export interface CodexTokens {
  access: string
  refresh: string
  idToken?: string
}

export function resolveIdentity(tokens: CodexTokens, { now = Date.now(), source = 'token' } = {}): CodexIdentity {
  const access = parse(accessClaims, decode(tokens.access, `${source}: access token`), `${source}: access token`)
  const id = tokens.idToken
    ? parse(idClaims, decode(tokens.idToken, `${source}: id token`), `${source}: id token`)
    : undefined
  const accountId = access[AUTH_CLAIM]?.chatgpt_account_id ?? id?.[AUTH_CLAIM]?.chatgpt_account_id
  if (!accountId) throw new CafError(`${source}: the access token has no ChatGPT account claim (${AUTH_CLAIM}.chatgpt_account_id); is this a ChatGPT sign-in?`)
  const expires = access.exp * 1000
  if (expires <= now) throw new CafError(`${source}: the access token expired at ${new Date(expires).toISOString()}; log in again`)
  return {
    accountId,
    email: id?.email ?? access.email ?? access[PROFILE_CLAIM]?.email,
    plan: access[AUTH_CLAIM]?.chatgpt_plan_type ?? id?.[AUTH_CLAIM]?.chatgpt_plan_type,
    expires,
  }
}

/**
 * The plan an access token names, or undefined for anything unreadable: for labelling a stored
 * profile whose store has no plan field (auth-profiles.json), never for a decision.
 */
export function resolvePlanClaim(access: unknown): string | undefined {
  if (typeof access !== 'string') return undefined
  try {
    return authClaim.safeParse((decodeJwt(access) as Record<string, unknown>)[AUTH_CLAIM]).data?.chatgpt_plan_type
  } catch {
    return undefined
  }
}

function decode(jwt: string, what: string): unknown {
  try {
    return decodeJwt(jwt)
  } catch (cause) {
    // jose's message never echoes the token; still, say only what kind of failure it was.
    throw new CafError(`${what} is not a readable JWT`, { cause })
  }
}

function parse<T extends z.ZodType>(schema: T, value: unknown, what: string): z.infer<T> {
  const r = schema.safeParse(value)
  if (r.success) return r.data
  const issue = r.error.issues[0]
  const where = issue?.path.length ? ` (${issue.path.join('.')})` : ''
  throw new CafError(`${what} ${issue?.message ?? 'has unexpected claims'}${where}`)
}
