// Moving the conversation to another model: per session through the gateway (sessions.patch,
// an override the session keeps), or globally through `openclaw models set` (the config's primary).
import { CafError } from '../errors.ts'
import { describeFailure, runOpenclaw } from './runtime.ts'
import type { Env } from './state-dir.ts'

export const DEFAULT_SESSION = 'agent:main:main'

/** model null clears the session's override, so it follows the configured default again. */
export async function patchSessionModel({ session, model, env }: { session: string; model: string | null; env?: Env }): Promise<void> {
  const r = await runOpenclaw(['gateway', 'call', 'sessions.patch', '--params', JSON.stringify({ key: session, model }), '--json'], { env, timeoutMs: 60_000 })
  if (!r.ok) throw new CafError(`cannot switch session ${session}: the gateway did not answer (${describeFailure(r)}); is it running? (openclaw gateway status) The state file was left as it was, so the next run tries again`)
}

export async function setGlobalModel({ model, env }: { model: string; env?: Env }): Promise<void> {
  const r = await runOpenclaw(['models', 'set', model], { env, timeoutMs: 120_000 })
  if (!r.ok) throw new CafError(`openclaw models set ${model} failed: ${describeFailure(r)}; the state file was left as it was`)
}
