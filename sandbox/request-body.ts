// What a request body says, when it can be read. OpenClaw 2026.9 zstd-compresses its Responses
// bodies, and node 20 has no zstd (zlib.zstdDecompressSync arrived in node 22.15), so nothing the
// stand-in decides may hang on the body: it is drained, and the model is a best effort.
import type { IncomingMessage } from 'node:http'
import zlib from 'node:zlib'
import { z } from 'zod'

/** Bodies above this are drained but not kept: a turn's request is tens of KB. */
const MAX_BODY_BYTES = 8 * 2 ** 20
const withModel = z.object({ model: z.string().min(1) }).loose()

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
