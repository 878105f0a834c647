// Section 2: what an LLM reads per check. Ours: nothing on releases with command payloads; on older
// ones, the agentTurn message and check-and-switch's output (none when nothing changed, one line when
// it did). The seed's job: its prompt plus the `openclaw models status` text it had to parse, taken
// here from the real releases with two Codex profiles cooling down.
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { formatDecision, type Decision } from '../lib/check-and-switch.ts'
import { ROOT } from '../sandbox/sandbox.ts'
import { plantCooldown } from '../test/support/plant.ts'
import { measure, measureOk } from './measure.ts'
import { formatTable, ms, type Cell } from './table.ts'
import type { World } from './world.ts'

/**
 * The seed's cron message, reconstructed: the seed names its template (references/config-templates.md)
 * but does not ship it, so this is its step 4 ("the cron job's steps") said as a prompt, in
 * English, with nothing added. The real template can only have been longer: a lower bound.
 */
export const SEED_MESSAGE = `Check model cooldowns and switch the active model if needed.
1. Run \`openclaw models status\` to see which providers and profiles are in cooldown.
2. Pick the best model that can answer now (priority: opus, then the Codex model through any Codex profile that is not cooling down).
3. If needed, update the session's model.
4. Record the status in the local memory file; notify only when the model was switched.`

const tokens = (chars: number) => `≈ ${Math.round(chars / 4).toLocaleString('en-US')}`

export interface TokenInputs {
  legacy?: World
  current?: World
}

/** Plants the cooldown that makes the Codex model unusable (both profiles), in every world given. */
export async function plantCodexCooldown(w: World): Promise<void> {
  await plantCooldown({ oc: w.oc, era: w.era, stateDir: w.sb.stateDir, env: w.env, profileIds: w.profileIds, ms: 30 * 60_000 })
}

async function installCronJob(w: World, version: string): Promise<{ payload: string; message?: string }> {
  const m = await measureOk([process.execPath, '--import', 'tsx', join(ROOT, 'tasks', 'install-cron.ts'), '--print', '--json', '--openclaw-version', version], { env: w.env, cwd: ROOT })
  return JSON.parse(m.stdout).job
}

/** The one line check-and-switch prints when it moved the session (from the --dry-run record). */
async function switchLine(w: World): Promise<string> {
  const m = await measureOk([process.execPath, '--import', 'tsx', join(ROOT, 'tasks', 'check-and-switch.ts'), '--dry-run', '--json'], { env: w.env, cwd: ROOT })
  const d = JSON.parse(m.stdout) as Decision
  if (!d.changed) throw new Error(`the planted cooldown did not move the check off ${d.chosen}`)
  return formatDecision({ ...d, dryRun: false }).lines.join('\n')
}

export async function benchTokens({ legacy, current }: TokenInputs): Promise<string> {
  const rows: Cell[][] = []
  const notes: string[] = []
  if (current) {
    const job = await installCronJob(current, current.oc.version)
    rows.push([`ours, ${current.oc.version}: ${job.payload} job (no LLM involved)`, 0, 0, 0, 0, '—'])
  }
  if (legacy) {
    const job = await installCronJob(legacy, legacy.oc.version)
    const message = job.message?.length ?? 0
    const line = `${await switchLine(legacy)}\n`
    rows.push([`ours, ${legacy.oc.version}: ${job.payload} job, nothing changed`, message, 0, message, tokens(message), '—'])
    rows.push([`ours, ${legacy.oc.version}: ${job.payload} job, model switched`, message, line.length, message + line.length, tokens(message + line.length), '—'])
    notes.push(`The switch line: \`${line.trim().replace(/\d{4}-\d\d-\d\dT[\d:]+Z/, '<time>')}\``)
  }
  for (const w of [legacy, current]) {
    if (!w) continue
    // The agent's exec tool hands it stdout and stderr alike. Text mode tries the network on some
    // releases; the loopback guard makes that fail at once.
    const m = await measure([w.oc.openclaw, 'models', 'status'], { env: w.env, cwd: ROOT })
    const text = m.stdout.length + m.stderr.length
    rows.push([`seed, ${w.oc.version}: prompt + \`openclaw models status\` text (exit ${m.code})`, SEED_MESSAGE.length, text, SEED_MESSAGE.length + text, tokens(SEED_MESSAGE.length + text), ms(m.wallMs)])
  }
  notes.push(
    'Characters the model reads per check (10-minute schedule: 144 checks a day); tokens ≈ characters / 4. Not counted on either side: the',
    "isolated session's system prompt and tool definitions (OpenClaw's, the same for both), and the seed's further tool calls to switch the",
    'session and to read and write its memory file, so the seed rows are lower bounds. Seed prompt: reconstructed from its step 4 (bench/tokens.ts).',
  )
  return formatTable('LLM input per check (two Codex profiles cooling down)', ['cron job', 'message', 'output it reads', 'total chars', 'tokens', 'status text took'], rows, notes)
}

/** Puts the state file back to "on the Codex model", as the other sections found it. */
export async function resetSwitchState(w: World): Promise<void> {
  await writeFile(w.statePath, JSON.stringify({ lastEffectiveModel: w.codexModel, priority: [w.codexModel, 'anthropic/claude-opus-4-6'] }, null, 2), { mode: 0o600 })
}
