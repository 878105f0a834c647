// `openclaw models status --json`: the same core shape in 2026.2 and 2026.9 (read in both dists and
// run against the pinned releases). Parsed with zod: extra fields are fine, a missing required one
// is a one-line error naming it.
import { z } from 'zod'
import { CafError } from '../errors.ts'
import { describeFailure, parseJsonOutput, runOpenclaw } from './runner.ts'
import type { Env } from './state-dir.ts'

const unusable = z.object({
  profileId: z.string(),
  provider: z.string().optional(),
  kind: z.string(),
  reason: z.string().nullish(),
  until: z.number(),
  remainingMs: z.number().optional(),
  // Per-model blocks: not in 2026.9.6's output (its blocks count for every model), honoured if a release adds one.
  model: z.string().optional(),
}).loose()

const providerAuth = z.object({
  provider: z.string(),
  effective: z.object({ kind: z.string() }).loose().optional(),
  profiles: z.object({ count: z.number() }).loose().optional(),
}).loose()

const oauthProfile = z.object({
  profileId: z.string(),
  provider: z.string().optional(),
  status: z.string().optional(),
  expiresAt: z.number().nullish(),
}).loose()

// effectiveProfiles (2026.9.6; not in 2026.2.22) is OpenClaw's own resolveAuthProfileOrder result.
const oauthProvider = z.object({
  provider: z.string(),
  effectiveProfiles: z.array(z.object({ profileId: z.string() }).loose()).optional(),
}).loose()

export const modelsStatusSchema = z.object({
  defaultModel: z.string().nullable(),
  fallbacks: z.array(z.string()),
  auth: z.object({
    providers: z.array(providerAuth),
    unusableProfiles: z.array(unusable),
    oauth: z.object({ profiles: z.array(oauthProfile), providers: z.array(oauthProvider).optional() }).loose(),
  }).loose(),
}).loose()

export type ModelsStatus = z.infer<typeof modelsStatusSchema>

export function parseModelsStatus(stdout: string): ModelsStatus {
  const r = modelsStatusSchema.safeParse(parseJsonOutput(stdout, 'models status --json'))
  if (r.success) return r.data
  const issue = r.error.issues[0]!
  throw new CafError(`openclaw models status --json: ${issue.path.join('.') || 'output'} ${issue.message.replace(/^Invalid input: /, '')}; is this OpenClaw release supported?`)
}

export async function loadModelsStatus(env: Env = process.env, { agentId, signal }: { agentId?: string; signal?: AbortSignal } = {}): Promise<ModelsStatus> {
  const r = await runOpenclaw(['models', 'status', '--json', ...(agentId ? ['--agent', agentId] : [])], { env, signal })
  if (!r.ok) throw new CafError(`openclaw models status failed: ${describeFailure(r)}`)
  return parseModelsStatus(r.stdout)
}
