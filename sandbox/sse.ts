// The streamed replies the stand-in gives: a Responses API stream as chatgpt.com's Codex backend
// sends it, and an Anthropic Messages stream. Each is the full event sequence of a one-message
// text answer (not just the minimum a client needs), so a client that starts reading another
// event of the sequence still finishes the turn.
import { randomBytes } from 'node:crypto'
import type { ServerResponse } from 'node:http'

export type SseEvent = { event: string; data: Record<string, unknown> }

export function writeSse(res: ServerResponse, events: SseEvent[], headers: Record<string, string> = {}): void {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', ...headers })
  for (const e of events) res.write(`event: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`)
  res.end()
}

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`

/** response.created … response.completed for one assistant message saying `text`. */
export function resolveResponsesEvents({ text, model, now }: { text: string; model: string; now: number }): SseEvent[] {
  const responseId = id('resp')
  const itemId = id('msg')
  const createdAt = Math.floor(now / 1000)
  const part = { type: 'output_text', text, annotations: [] }
  const item = { id: itemId, type: 'message', status: 'completed', role: 'assistant', content: [part] }
  const outputTokens = Math.max(1, text.split(/\s+/).length)
  const usage = { input_tokens: 12, input_tokens_details: { cached_tokens: 0 }, output_tokens: outputTokens, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 12 + outputTokens }
  const response = (status: string, output: unknown[], extra = {}) => ({ id: responseId, object: 'response', created_at: createdAt, status, model, output, ...extra })
  const at = { item_id: itemId, output_index: 0, content_index: 0 }
  const events: Array<[string, Record<string, unknown>]> = [
    ['response.created', { response: response('in_progress', []) }],
    ['response.in_progress', { response: response('in_progress', []) }],
    ['response.output_item.added', { output_index: 0, item: { ...item, status: 'in_progress', content: [] } }],
    ['response.content_part.added', { ...at, part: { ...part, text: '' } }],
    ['response.output_text.delta', { ...at, delta: text }],
    ['response.output_text.done', { ...at, text }],
    ['response.content_part.done', { ...at, part }],
    ['response.output_item.done', { output_index: 0, item }],
    ['response.completed', { response: response('completed', [item], { usage }) }],
  ]
  return events.map(([event, data], i) => ({ event, data: { type: event, sequence_number: i, ...data } }))
}

/**
 * response.created … response.completed for one function call: the model asks the client to run
 * the tool `name` with `args` (the Responses API streams the arguments as a JSON string).
 */
export function resolveFunctionCallEvents({ name, args, model, now }: { name: string; args: Record<string, unknown>; model: string; now: number }): SseEvent[] {
  const responseId = id('resp')
  const itemId = id('fc')
  const callId = id('call')
  const json = JSON.stringify(args)
  const item = { id: itemId, type: 'function_call', status: 'completed', call_id: callId, name, arguments: json }
  const usage = { input_tokens: 12, input_tokens_details: { cached_tokens: 0 }, output_tokens: 8, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 20 }
  const response = (status: string, output: unknown[], extra = {}) => ({ id: responseId, object: 'response', created_at: Math.floor(now / 1000), status, model, output, ...extra })
  const at = { item_id: itemId, output_index: 0 }
  const events: Array<[string, Record<string, unknown>]> = [
    ['response.created', { response: response('in_progress', []) }],
    ['response.in_progress', { response: response('in_progress', []) }],
    ['response.output_item.added', { output_index: 0, item: { ...item, status: 'in_progress', arguments: '' } }],
    ['response.function_call_arguments.delta', { ...at, delta: json }],
    ['response.function_call_arguments.done', { ...at, arguments: json }],
    ['response.output_item.done', { output_index: 0, item }],
    ['response.completed', { response: response('completed', [item], { usage }) }],
  ]
  return events.map(([event, data], i) => ({ event, data: { type: event, sequence_number: i, ...data } }))
}

/** message_start … message_stop for one text block saying `text`. */
export function resolveAnthropicEvents({ text, model }: { text: string; model: string }): SseEvent[] {
  const outputTokens = Math.max(1, text.split(/\s+/).length)
  const events: Array<[string, Record<string, unknown>]> = [
    ['message_start', { message: { id: id('msg'), type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 12, output_tokens: 1 } } }],
    ['content_block_start', { index: 0, content_block: { type: 'text', text: '' } }],
    ['ping', {}],
    ['content_block_delta', { index: 0, delta: { type: 'text_delta', text } }],
    ['content_block_stop', { index: 0 }],
    ['message_delta', { delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: outputTokens } }],
    ['message_stop', {}],
  ]
  return events.map(([event, data]) => ({ event, data: { type: event, ...data } }))
}
