// What a request body says, when it can be read. OpenClaw 2026.9 zstd-compresses its Responses
// bodies, and node 20 has no zstd (zlib.zstdDecompressSync arrived in node 22.15), so nothing the
// stand-in decides may hang on the body: it is drained, and the model is a best effort.
import { execFile } from 'node:child_process'
import type { IncomingMessage } from 'node:http'
import zlib from 'node:zlib'
import { z } from 'zod'

/** Bodies above this are drained but not kept: a turn's request is tens of KB. */
const MAX_BODY_BYTES = 8 * 2 ** 20
const withModel = z.object({ model: z.string().min(1) }).loose()
const outputPart = z.object({ text: z.string() }).loose()
const withInput = z.object({
  input: z.array(z.object({ type: z.string().optional(), output: z.union([z.string(), z.array(outputPart)]).optional() }).loose()),
}).loose()

export const UNKNOWN_MODEL = 'unknown'

export async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += chunk.length
    if (size <= MAX_BODY_BYTES) chunks.push(chunk)
  }
  return size <= MAX_BODY_BYTES ? Buffer.concat(chunks) : undefined
}

function decode(raw: Buffer, encoding: string): Buffer | undefined {
  switch (encoding) {
    case '':
    case 'identity':
      return raw
    case 'gzip':
    case 'x-gzip':
      return zlib.gunzipSync(raw)
    case 'deflate':
      return zlib.inflateSync(raw)
    case 'br':
      return zlib.brotliDecompressSync(raw)
    case 'zstd': {
      // Present on node >= 22.15 only; absent from @types/node 20, hence the runtime lookup.
      const zstd: unknown = Reflect.get(zlib, 'zstdDecompressSync')
      if (typeof zstd !== 'function') return undefined
      const out: unknown = zstd(raw)
      return Buffer.isBuffer(out) ? out : undefined
    }
    default:
      return undefined
  }
}

/** The JSON body, or undefined when it is compressed in a way this node cannot undo, or not JSON. */
export function parseJsonBody(raw: Buffer | undefined, contentEncoding: string | undefined): unknown {
  if (!raw?.length) return undefined
  try {
    const plain = decode(raw, (contentEncoding ?? '').trim().toLowerCase())
    return plain ? JSON.parse(plain.toString('utf8')) : undefined
  } catch {
    return undefined
  }
}

export function resolveModel(body: unknown): string {
  return withModel.safeParse(body).data?.model ?? UNKNOWN_MODEL
}

/**
 * parseJsonBody, and where this node has no zstd, a zstd body is undone by `zstdNode` (a node
 * >= 22.15, such as the pinned node@24), when given: the scripted model needs to read what the
 * tool returned.
 */
export async function parseJsonBodyWith(raw: Buffer | undefined, contentEncoding: string | undefined, { zstdNode }: { zstdNode?: string } = {}): Promise<unknown> {
  const plain = parseJsonBody(raw, contentEncoding)
  if (plain !== undefined || !raw?.length || !zstdNode || (contentEncoding ?? '').trim().toLowerCase() !== 'zstd') return plain
  const script = "process.stdout.write(require('node:zlib').zstdDecompressSync(require('node:fs').readFileSync(0)))"
  const text = await new Promise<string | undefined>((resolve) => {
    const child = execFile(zstdNode, ['-e', script], { env: { PATH: process.env.PATH ?? '' }, maxBuffer: MAX_BODY_BYTES, encoding: 'utf8' }, (err, stdout) => resolve(err ? undefined : stdout))
    child.stdin?.end(raw)
  })
  try {
    return text === undefined ? undefined : JSON.parse(text)
  } catch {
    return undefined
  }
}

/** The system prompt a Responses request carries (its `instructions`), when the body could be read. */
export function resolveInstructions(body: unknown): string | undefined {
  return z.object({ instructions: z.string() }).loose().safeParse(body).data?.instructions
}

/** The outputs of the tool calls a Responses request hands back (function_call_output items), oldest first; undefined when the body could not be read. */
export function resolveToolOutputs(body: unknown): string[] | undefined {
  const parsed = withInput.safeParse(body)
  if (!parsed.success) return undefined
  return parsed.data.input.filter((i) => i.type === 'function_call_output').map((i) => typeof i.output === 'string' ? i.output : (i.output ?? []).map((p) => p.text).join(''))
}
