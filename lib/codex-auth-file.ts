// The codex CLI's $CODEX_HOME/auth.json, as written by `codex login` with the file store:
// {auth_mode, OPENAI_API_KEY, tokens:{id_token, access_token, refresh_token, account_id}, last_refresh}
import { readFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { z } from 'zod'
import { BadFile } from './errors.ts'
import { registerSecret } from './secrets.ts'
import { resolveTokenDigest } from './openclaw/store.ts'
import type { CodexTokens } from './claims.ts'
import type { Env } from './openclaw/state-dir.ts'

const authFile = z.object({
  OPENAI_API_KEY: z.string().nullish(),
  tokens: z.object({
    id_token: z.string().min(1, 'tokens.id_token is empty').optional(),
    access_token: z.string({ error: 'tokens.access_token is missing or not a string' }).min(1, 'tokens.access_token is empty'),
    refresh_token: z.string({ error: 'tokens.refresh_token is missing or not a string' }).min(1, 'tokens.refresh_token is empty'),
  }).loose().nullish(),
}).loose()

export async function loadCodexAuthFile(path: string): Promise<CodexTokens> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (cause) {
    throw new BadFile(path, `cannot read it (${(cause as NodeJS.ErrnoException).code ?? 'error'})`, { cause })
  }
  return parseCodexAuth(text, path)
}

export function parseCodexAuth(text: string, path: string): CodexTokens {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new BadFile(path, text.trim() === '' ? 'is empty; expected a codex auth.json' : 'is not valid JSON; expected a codex auth.json')
  }
  const r = authFile.safeParse(json)
  if (!r.success) {
    // Our own messages name their field; zod's generic ones ("Invalid input: ...") do not.
    const issue = r.error.issues[0]!
    const generic = /^Invalid input: /.test(issue.message)
    throw new BadFile(path, generic ? `is not a codex auth.json (${issue.path.join('.') || 'top level'}: ${issue.message.replace(/^Invalid input: /, '')})` : issue.message)
  }
  const { tokens, OPENAI_API_KEY } = r.data
  if (!tokens) {
    throw new BadFile(path, OPENAI_API_KEY
      ? 'is an API-key login, not a ChatGPT sign-in; log in with `codex login` (ChatGPT) instead'
      : 'has no tokens; expected a ChatGPT sign-in')
  }
  for (const t of [tokens.access_token, tokens.refresh_token, tokens.id_token]) registerSecret(t)
  return { access: tokens.access_token, refresh: tokens.refresh_token, idToken: tokens.id_token }
}

/** The user's own codex login file: $CODEX_HOME/auth.json, else ~/.codex/auth.json, as codex resolves it. */
export function resolveCodexAuthPath(env: Env = process.env): string {
  return join(env.CODEX_HOME?.trim() || join(homedir(), '.codex'), 'auth.json')
}

const refreshOnly = z.object({ tokens: z.object({ refresh_token: z.string().min(1) }).loose() }).loose()

/**
 * sha256 of the refresh token in an auth.json's text, to compare with stored profiles without
 * keeping the token; undefined when the text holds no ChatGPT sign-in (an API key, a half file).
 */
export function resolveCodexRefreshDigest(text: string): string | undefined {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return undefined
  }
  const r = refreshOnly.safeParse(json)
  return r.success ? resolveTokenDigest(r.data.tokens.refresh_token) : undefined
}
