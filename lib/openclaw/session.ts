// Moving the conversation to another model: per session through the gateway (sessions.patch,
// an override the session keeps), or globally through `openclaw models set` (the config's primary).
import { CafError } from '../errors.ts'
import { describeFailure, runOpenclaw } from './runner.ts'
import type { Env } from './state-dir.ts'

/** An agent's main session, the one its chat talks in: agent:<id>:main. */
export function resolveMainSession(agentId = 'main'): string {
  return `agent:${agentId}:main`
}

/** model null clears the session's override, so it follows the configured default again. */
export async function patchSessionModel({ session, model, env, signal }: { session: string; model: string | null; env?: Env; signal?: AbortSignal }): Promise<void> {
  const r = await runOpenclaw(['gateway', 'call', 'sessions.patch', '--params', JSON.stringify({ key: session, model }), '--json'], { env, signal, timeoutMs: 60_000 })
  if (!r.ok) throw new CafError(`cannot switch session ${session}: the gateway did not answer (${describeFailure(r)}); is it running? (openclaw gateway status) The state file was left as it was, so the next run tries again`)
}

export async function setGlobalModel({ model, env, signal }: { model: string; env?: Env; signal?: AbortSignal }): Promise<void> {
  const r = await runOpenclaw(['models', 'set', model], { env, signal, timeoutMs: 120_000 })
  if (!r.ok) throw new CafError(`openclaw models set ${model} failed: ${describeFailure(r)}; the state file was left as it was`)
}
