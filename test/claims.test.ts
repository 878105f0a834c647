import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { resolveIdentity } from '../lib/claims.ts'
import { parseCodexAuth } from '../lib/codex-auth-file.ts'
import { AUTH, PROFILE, codexAuthJson, makeJwt, makeTokens } from './support/jwt.ts'

const exp = Math.floor(Date.now() / 1000) + 3600

describe('resolveIdentity', () => {
  test('reads account, email and plan, expiry in ms', async () => {
    const t = await makeTokens({ accountId: 'acct-1', email: 'x@example.com', plan: 'pro', exp })
    assert.deepEqual(resolveIdentity(t), { accountId: 'acct-1', email: 'x@example.com', plan: 'pro', expires: exp * 1000 })
  })

  const cases: Array<[string, () => Promise<{ access: string; refresh: string; idToken?: string }>, RegExp | Record<string, unknown>]> = [
    ['email only under the profile claim of the access token', async () => ({ access: await makeJwt({ exp, [AUTH]: { chatgpt_account_id: 'a' }, [PROFILE]: { email: 'p@example.com' } }), refresh: 'r' }), { email: 'p@example.com' }],
    ['email top-level in the id token wins', async () => ({ access: await makeJwt({ exp, [AUTH]: { chatgpt_account_id: 'a' }, [PROFILE]: { email: 'p@example.com' } }), idToken: await makeJwt({ email: 'id@example.com' }), refresh: 'r' }), { email: 'id@example.com' }],
    ['account id only in the id token', async () => ({ access: await makeJwt({ exp }), idToken: await makeJwt({ [AUTH]: { chatgpt_account_id: 'from-id' } }), refresh: 'r' }), { accountId: 'from-id' }],
    ['no exp', async () => ({ access: await makeJwt({ [AUTH]: { chatgpt_account_id: 'a' } }), refresh: 'r' }), /access token has no exp claim/],
    ['exp in the past', async () => ({ access: await makeJwt({ exp: 1000, [AUTH]: { chatgpt_account_id: 'a' } }), refresh: 'r' }), /expired at 1970/],
    ['no account claim', async () => ({ access: await makeJwt({ exp }), refresh: 'r' }), /no ChatGPT account claim/],
    ['not a JWT', async () => ({ access: 'not.a.jwt!', refresh: 'r' }), /access token is not a readable JWT/],
    ['bad base64 payload', async () => ({ access: 'eyJhbGciOiJIUzI1NiJ9.@@@@.sig', refresh: 'r' }), /not a readable JWT/],
  ]
  for (const [name, make, want] of cases) {
    test(name, async () => {
      const tokens = await make()
      if (want instanceof RegExp) assert.throws(() => resolveIdentity(tokens), want)
      else assertSubset(resolveIdentity(tokens), want)
    })
  }

  test('an error message never carries the token', async () => {
    const access = await makeJwt({ exp: 1000, [AUTH]: { chatgpt_account_id: 'a' } })
    try {
      resolveIdentity({ access, refresh: 'r' })
      assert.fail('should throw')
    } catch (err) {
      assert.ok(!(err as Error).message.includes(access.slice(0, 12)))
    }
  })
})

describe('parseCodexAuth', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['empty file', '', /auth.json: is empty/],
    ['truncated JSON', '{"tokens": {"access_to', /is not valid JSON/],
    ['API-key login', JSON.stringify({ OPENAI_API_KEY: 'sk-test-000000000000', tokens: null }), /API-key login/],
    ['refresh token missing', JSON.stringify({ tokens: { access_token: 'a', id_token: 'i' } }), /refresh_token is missing/],
    ['access token a number', JSON.stringify({ tokens: { access_token: 5, refresh_token: 'r' } }), /access_token is missing or not a string/],
    ['a JSON array', '[]', /auth.json: /],
  ]
  for (const [name, text, want] of cases) test(name, () => assert.throws(() => parseCodexAuth(text, '/x/auth.json'), want))

  test('reads the three tokens', async () => {
    const t = await makeTokens()
    assert.deepEqual(parseCodexAuth(codexAuthJson(t), 'auth.json'), { access: t.access, refresh: t.refresh, idToken: t.idToken })
  })
})

function assertSubset(actual: object, want: Record<string, unknown>) {
  for (const [k, v] of Object.entries(want)) assert.equal((actual as Record<string, unknown>)[k], v, k)
}
