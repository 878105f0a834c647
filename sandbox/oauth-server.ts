// A loopback stand-in for OpenAI's sign-in server, speaking just what the real codex CLI's
// device flow uses (`codex login --device-auth --experimental_issuer http://127.0.0.1:PORT`):
//   POST /api/accounts/deviceauth/usercode  {client_id} -> {device_auth_id, user_code, interval}
//   POST /api/accounts/deviceauth/token     403 while pending, then {authorization_code, code_challenge, code_verifier}
//   POST /oauth/token                       authorization_code (form) or refresh_token (JSON) -> tokens
// Tokens are JWTs signed with jose, carrying the claims OpenAI's carry. Listens on 127.0.0.1 only.
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { SignJWT } from 'jose'

export interface FakeAccount {
  email: string
  accountId: string
  plan?: string
}

export interface OAuthServer {
  issuer: string
  /** Accounts handed out in order, one per device-code login. */
  queue(...accounts: FakeAccount[]): void
  /** Every request seen, as "METHOD /path" (for asserting what codex asked). */
  readonly requests: string[]
  /** Every token issued, so a test can scan output for them. */
  readonly issuedTokens: string[]
  /** Polls answered "pending" before a device code is approved. */
  pendingPolls: number
  close(): Promise<void>
}

const secret = randomBytes(32)

export interface OAuthServerOptions {
  /** Polls answered "pending" before a device code is approved. */
  pendingPolls?: number
  accessTtlSec?: number
  /** Told of every token issued (the tests record them for their secrets scan). */
  onTokens?: (...tokens: string[]) => void
}

export async function startOAuthServer({ pendingPolls = 1, accessTtlSec = 3600, onTokens }: OAuthServerOptions = {}): Promise<OAuthServer> {
  const queue: FakeAccount[] = []
  const devices = new Map<string, { account: FakeAccount; polls: number; code: string }>()
  const codes = new Map<string, FakeAccount>()
  const refreshes = new Map<string, FakeAccount | 'used'>()
  const requests: string[] = []
  const issuedTokens: string[] = []
  const state = { pendingPolls }

  async function issueTokens(account: FakeAccount) {
    const auth = { chatgpt_account_id: account.accountId, chatgpt_plan_type: account.plan ?? 'plus', chatgpt_user_id: `user-${account.accountId}` }
    const now = Math.floor(Date.now() / 1000)
    const access = await new SignJWT({ 'https://api.openai.com/auth': auth, 'https://api.openai.com/profile': { email: account.email }, scp: ['openid', 'profile', 'email', 'offline_access'] })
      .setProtectedHeader({ alg: 'HS256' }).setIssuedAt(now).setExpirationTime(now + accessTtlSec)
      .setIssuer(server.issuer).setAudience('https://api.openai.com/v1').setSubject(auth.chatgpt_user_id).setJti(randomUUID()).sign(secret)
    const idToken = await new SignJWT({ email: account.email, email_verified: true, 'https://api.openai.com/auth': auth })
      .setProtectedHeader({ alg: 'HS256' }).setIssuedAt(now).setExpirationTime(now + 3600)
      .setIssuer(server.issuer).setAudience('app_EMoamEEZ73f0CkXaXp7hrann').setSubject(auth.chatgpt_user_id).sign(secret)
    const refresh = `rt_${randomBytes(24).toString('base64url')}`
    refreshes.set(refresh, account)
    issuedTokens.push(access, idToken, refresh)
    onTokens?.(access, idToken, refresh)
    return { id_token: idToken, access_token: access, refresh_token: refresh, token_type: 'Bearer', expires_in: accessTtlSec, scope: 'openid profile email offline_access' }
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    requests.push(`${req.method} ${url.pathname}`)
    const body = await readBody(req)
    const send = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(value))
    }
    if (req.method === 'POST' && url.pathname === '/api/accounts/deviceauth/usercode') {
      const account = queue.shift()
      if (!account) return send(503, { error: 'no test account queued' })
      const deviceAuthId = `dev_${randomBytes(8).toString('hex')}`
      const userCode = `${randomBytes(2).toString('hex').toUpperCase()}-${randomBytes(2).toString('hex').toUpperCase()}`
      devices.set(deviceAuthId, { account, polls: 0, code: userCode })
      return send(200, { device_auth_id: deviceAuthId, user_code: userCode, interval: '1', expires_at: new Date(Date.now() + 900_000).toISOString() })
    }
    if (req.method === 'POST' && url.pathname === '/api/accounts/deviceauth/token') {
      const { device_auth_id: id } = JSON.parse(body || '{}')
      const device = devices.get(id)
      if (!device) return send(404, { error: 'unknown device_auth_id' })
      if (device.polls++ < state.pendingPolls) return send(403, { error: 'authorization_pending' })
      devices.delete(id)
      const verifier = randomBytes(32).toString('base64url')
      const challenge = createHash('sha256').update(verifier).digest('base64url')
      const code = `ac_${randomBytes(16).toString('hex')}`
      codes.set(code, device.account)
      return send(200, { authorization_code: code, code_challenge: challenge, code_verifier: verifier })
    }
    if (req.method === 'POST' && url.pathname === '/oauth/token') {
      const params = (req.headers['content-type'] ?? '').includes('json') ? JSON.parse(body || '{}') : Object.fromEntries(new URLSearchParams(body))
      if (params.grant_type === 'authorization_code') {
        const account = codes.get(params.code)
        if (!account) return send(400, { error: 'invalid_grant' })
        codes.delete(params.code)
        return send(200, await issueTokens(account))
      }
      if (params.grant_type === 'refresh_token') {
        const account = refreshes.get(params.refresh_token)
        if (!account) return send(401, { error: { code: 'refresh_token_invalidated' } })
        if (account === 'used') return send(401, { error: { code: 'refresh_token_reused' } })
        refreshes.set(params.refresh_token, 'used')
        return send(200, await issueTokens(account))
      }
      return send(400, { error: 'unsupported_grant_type' })
    }
    send(404, { error: 'not found' })
  }

  const http = createServer((req, res) => {
    handle(req, res).catch((err) => {
      res.writeHead(500)
      res.end(String(err))
    })
  })
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  const port = (http.address() as AddressInfo).port
  const server: OAuthServer = {
    issuer: `http://127.0.0.1:${port}`,
    queue: (...accounts) => void queue.push(...accounts),
    requests,
    issuedTokens,
    get pendingPolls() { return state.pendingPolls },
    set pendingPolls(n) { state.pendingPolls = n },
    close: () => new Promise((resolve) => { http.closeAllConnections(); http.close(() => resolve()) }),
  }
  return server
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = ''
    req.setEncoding('utf8')
    req.on('data', (chunk) => (data += chunk))
    req.on('end', () => resolve(data))
    req.on('error', reject)
  })
}
