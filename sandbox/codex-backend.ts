// A loopback stand-in for the ChatGPT/Codex backend (and an Anthropic Messages endpoint for a
// fallback model), for running real OpenClaw turns offline:
//   POST {base}/codex/responses   SSE reply, or 429 usage_limit_reached once the account's quota is used up
//   GET  {base}/codex/responses   WebSocket upgrade refused with 426 (OpenClaw 2026.9 then falls back to SSE)
//   GET  {base}/wham/usage        the calling account's windows, as chatgpt.com shapes them
//   POST /v1/messages             an Anthropic Messages SSE reply
// base = http://127.0.0.1:P/backend-api. The account is the access token's chatgpt_account_id claim.
// The request log is the witness of which account was asked; it never holds a token or a header
// value (with a scripted model it keeps what a tool returned: our own commands' output). Standalone on purpose (node built-ins, zod, jose), so a demo or a user can run it too.
import { timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { resolveIdentity } from './identity.ts'
import { parseJsonBody, parseJsonBodyWith, readBody, resolveInstructions, resolveModel, resolveToolOutputs, UNKNOWN_MODEL } from './request-body.ts'
import { resolveAnthropicEvents, resolveFunctionCallEvents, resolveResponsesEvents, writeSse } from './sse.ts'
import { createAccounts, type AccountControls, type AccountSpec, type AccountState } from './accounts.ts'
import type { TurnCost } from './quota.ts'

export type { AccountSpec } from './accounts.ts'

export interface CodexBackendOptions {
  accounts?: AccountSpec[]
  /** Share of each window one answered turn uses, unless an account says otherwise. */
  cost?: TurnCost
  /** The clock (ms); a test moves it instead of waiting for a window to reset. */
  now?: () => number
  /** What the model answers; by default it names the account, a second witness in the reply. */
  replyText?: (who: { accountId?: string; label?: string; provider: 'openai' | 'anthropic' }) => string
  /** Anthropic API keys by label; when given, any other key gets 401. Keys are compared, never logged. */
  anthropicKeys?: Record<string, string>
  /**
   * A scripted model for the Codex turns: asked for each answered request, it replies with text or
   * with a tool call. Without it, the text of replyText.
   */
  model?: (request: ModelRequest) => ModelReply
  /** A node with zstd (>= 22.15) to read OpenClaw 2026.9's compressed bodies when this one cannot. */
  zstdNode?: string
}

export interface ModelRequest {
  accountId: string
  label?: string
  /** What the tools returned so far in this turn (function_call_output items); undefined: the body could not be read. */
  toolOutputs?: string[]
  /** The system prompt OpenClaw sent (where it lists the skills and their locations), when readable. */
  instructions?: string
}

export type ModelReply = { text: string } | { call: { name: string; args: Record<string, unknown> } }

export interface LogEntry {
  time: string
  route: string
  /** The account id, or the Anthropic key's label; undefined when the caller was not identified. */
  account?: string
  label?: string
  status: number
  model?: string
  /** Why the stand-in answered as it did (a fixed phrase, never request data). */
  note?: string
  /** The scripted model only: the tool it asked for, and the last tool output the request carried. */
  call?: string
  toolOutput?: string
}

export interface CodexBackend {
  /** http://127.0.0.1:P/backend-api, what OpenClaw's openai-codex / openai provider baseUrl points at. */
  baseUrl: string
  /** http://127.0.0.1:P, the Anthropic provider's baseUrl. */
  origin: string
  port: number
  accounts: AccountControls
  anthropic: { setOut(out: boolean): void }
  readonly log: readonly LogEntry[]
  close(): Promise<void>
}

const BASE = '/backend-api'

export async function startCodexBackend(options: CodexBackendOptions = {}): Promise<CodexBackend> {
  const now = options.now ?? Date.now
  const accounts = createAccounts({ now, cost: options.cost })
  for (const spec of options.accounts ?? []) accounts.add(spec)
  const replyText = options.replyText ?? ((w) => `ok from ${w.label ?? w.accountId ?? w.provider}`)
  const log: LogEntry[] = []
  const anthropicState = { out: false }

  const record = (entry: Omit<LogEntry, 'time'>) => void log.push({ time: new Date(now()).toISOString(), ...entry })
  const sendJson = (res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers })
    res.end(JSON.stringify(value))
  }

  /** The calling Codex account, or undefined once a 401 has been sent and logged. */
  function identify(req: IncomingMessage, res: ServerResponse, route: string, model?: string): AccountState | undefined {
    const who = resolveIdentity({ authorization: req.headers.authorization, accountHeader: headerOf(req, 'chatgpt-account-id') })
    const state = who.ok ? accounts.find(who.accountId) : undefined
    if (state) return state
    const note = who.ok ? 'unknown account' : who.reason
    record({ route, account: who.ok ? who.accountId : undefined, status: 401, model, note })
    sendJson(res, 401, { detail: 'Could not parse your authentication token. Please try signing in again.' })
    return undefined
  }

  async function responses(req: IncomingMessage, res: ServerResponse, route: string) {
    const body = options.model
      ? await parseJsonBodyWith(await readBody(req), headerOf(req, 'content-encoding'), { zstdNode: options.zstdNode })
      : parseJsonBody(await readBody(req), headerOf(req, 'content-encoding'))
    const model = resolveModel(body)
    const account = identify(req, res, route, model)
    if (!account) return
    const turn = accounts.takeTurn(account.accountId)
    const base = { route, account: account.accountId, label: account.label, model }
    if (!turn.answered) {
      record({ ...base, status: 429, note: 'usage_limit_reached' })
      return sendJson(res, 429, turn.body, { 'retry-after': String(turn.retryAfterSeconds), ...turn.headers })
    }
    const replyModel = model === UNKNOWN_MODEL ? 'gpt-5.5' : model
    if (options.model) {
      const toolOutputs = resolveToolOutputs(body)
      const reply = options.model({ accountId: account.accountId, label: account.label, toolOutputs, instructions: resolveInstructions(body) })
      const seen = toolOutputs?.at(-1) === undefined ? {} : { toolOutput: toolOutputs.at(-1) }
      if ('call' in reply) {
        record({ ...base, status: 200, call: reply.call.name, ...seen })
        return writeSse(res, resolveFunctionCallEvents({ name: reply.call.name, args: reply.call.args, model: replyModel, now: now() }), turn.headers)
      }
      record({ ...base, status: 200, ...seen })
      return writeSse(res, resolveResponsesEvents({ text: reply.text, model: replyModel, now: now() }), turn.headers)
    }
    record({ ...base, status: 200 })
    const text = replyText({ accountId: account.accountId, label: account.label, provider: 'openai' })
    writeSse(res, resolveResponsesEvents({ text, model: replyModel, now: now() }), turn.headers)
  }

  async function usage(req: IncomingMessage, res: ServerResponse, route: string) {
    await readBody(req)
    const account = identify(req, res, route)
    if (!account) return
    record({ route, account: account.accountId, label: account.label, status: 200 })
    sendJson(res, 200, accounts.usagePayload(account.accountId))
  }

  async function messages(req: IncomingMessage, res: ServerResponse, route: string) {
    const model = resolveModel(parseJsonBody(await readBody(req), headerOf(req, 'content-encoding')))
    const label = resolveKeyLabel(headerOf(req, 'x-api-key') ?? bearerOf(req), options.anthropicKeys)
    if (label === undefined) {
      record({ route, status: 401, model, note: 'unknown api key' })
      return sendJson(res, 401, { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } })
    }
    if (anthropicState.out) {
      record({ route, account: label, status: 429, model, note: 'rate_limit_error' })
      return sendJson(res, 429, { type: 'error', error: { type: 'rate_limit_error', message: 'Number of request tokens has exceeded your rate limit' } }, { 'retry-after': '60' })
    }
    record({ route, account: label, status: 200, model })
    writeSse(res, resolveAnthropicEvents({ text: replyText({ label, provider: 'anthropic' }), model }), { 'request-id': 'req_standin' })
  }

  const routes: Record<string, (req: IncomingMessage, res: ServerResponse, route: string) => Promise<void>> = {
    [`POST ${BASE}/codex/responses`]: responses,
    [`GET ${BASE}/wham/usage`]: usage,
    // The Codex CLI's path when its base URL has no /backend-api.
    'GET /api/codex/usage': usage,
    'POST /v1/messages': messages,
  }

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname
    const route = `${req.method} ${path}`
    const handler = routes[route]
    const done = handler ? handler(req, res, route) : readBody(req).then(() => {
      // Whose token reached a route we do not serve (2026.9's memory search POSTs {base}/embeddings).
      const who = resolveIdentity({ authorization: req.headers.authorization })
      record({ route, account: who.ok ? who.accountId : undefined, status: 404, note: 'no such route' })
      sendJson(res, 404, { detail: 'Not Found' })
    })
    done.catch(() => {
      record({ route, status: 500, note: 'stand-in error' })
      if (!res.headersSent) sendJson(res, 500, { detail: 'stand-in error' })
      else res.destroy()
    })
  })
  // OpenClaw 2026.9 tries the Responses WebSocket first; a 426 makes it fall back to SSE.
  server.on('upgrade', (req: IncomingMessage, socket: Socket) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname
    const status = path === `${BASE}/codex/responses` ? 426 : 404
    record({ route: `${req.method} ${path} (websocket)`, status, note: status === 426 ? 'websocket refused' : 'no such route' })
    const reason = status === 426 ? 'Upgrade Required' : 'Not Found'
    socket.end(`HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json\r\nconnection: close\r\ncontent-length: 2\r\n\r\n{}`)
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('the stand-in is not listening on a TCP port')
  const { port } = address
  const origin = `http://127.0.0.1:${port}`
  return {
    baseUrl: `${origin}${BASE}`,
    origin,
    port,
    accounts,
    anthropic: { setOut: (out) => void (anthropicState.out = out) },
    log,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
    }),
  }
}

function headerOf(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name]
  return Array.isArray(v) ? v[0] : v
}

function bearerOf(req: IncomingMessage): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1]
}

/** The label of the key sent; with no keys configured any key is "anthropic". Undefined: refused. */
function resolveKeyLabel(key: string | undefined, keys: Record<string, string> | undefined): string | undefined {
  if (!key) return undefined
  if (!keys) return 'anthropic'
  const sent = Buffer.from(key)
  return Object.entries(keys).find(([, k]) => k.length === key.length && timingSafeEqual(Buffer.from(k), sent))?.[0]
}
