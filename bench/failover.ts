// Section "failover": a stretch of work, side by side in one run, on each pinned release: about a
// dozen real turns through a gateway over three accounts with small quotas (each answered turn uses
// a quarter of an account's 5-hour window), with an Anthropic fallback configured. Arm 1 is
// OpenClaw alone; arm 2 runs check-and-switch before each turn, as the cron job would between them.
// Per arm: the 429s the backend sent, the turns the fallback answered while a Codex account still
// had room, and the median turn time.
import { prepareOpenclaw, type Era, type OpenclawInstall } from '../sandbox/openclaw-install.ts'
import { openFailoverWorld, type FailoverWorld } from '../sandbox/failover-world.ts'
import { createSandbox } from '../sandbox/sandbox.ts'
import { median } from './measure.ts'
import { formatTable, ms, type Cell } from './table.ts'

const NAMES = ['alice', 'bob', 'carol']
const COST = { fiveHour: 25, week: 2 }

interface ArmResult {
  era: Era
  arm: string
  turns: number
  answered: Record<string, number>
  rateLimited: number
  fallbackWithRoom: number
  failed: number
  turnMs: number[]
  checkMs: number[]
}

async function runArm(era: Era, withTool: boolean, turns: number, progress: (s: string) => void): Promise<ArmResult> {
  const sb = await createSandbox()
  let w: FailoverWorld | undefined
  try {
    const oc = (await prepareOpenclaw(era, sb)) as OpenclawInstall
    w = await openFailoverWorld(sb, oc, era, { names: NAMES })
    for (const n of NAMES) w.backend.accounts.setCost(`acct-${n}`, COST)
    await w.startGateway()
    const result: ArmResult = { era, arm: withTool ? 'with check-and-switch before each turn' : 'OpenClaw alone', turns, answered: {}, rateLimited: 0, fallbackWithRoom: 0, failed: 0, turnMs: [], checkMs: [] }
    for (let i = 0; i < turns; i++) {
      if (withTool) {
        const started = Date.now()
        const check = await sb.run('check-and-switch', [], { env: w.env })
        if (check.code !== 0) throw new Error(`check-and-switch exited ${check.code}: ${check.stderr.trim().split('\n').at(-1)}`)
        result.checkMs.push(Date.now() - started)
      }
      // Did some Codex account still have room as this turn began?
      const room = NAMES.some((n) => !w!.backend.accounts.get(`acct-${n}`).limited)
      const turn = await w.turn()
      result.turnMs.push(turn.ms)
      result.rateLimited += turn.requests.filter((e) => e.status === 429).length
      const who = turn.code === 0 ? turn.answeredBy ?? 'nobody' : 'failed'
      result.answered[who] = (result.answered[who] ?? 0) + 1
      if (who === 'anthropic' && room) result.fallbackWithRoom++
      if (turn.code !== 0) result.failed++
      progress(`${era}, ${result.arm}: turn ${i + 1}/${turns} answered by ${who} (${turn.ms} ms)`)
    }
    return result
  } finally {
    await w?.close()
    await sb.cleanup()
  }
}

export async function benchFailover(eras: Era[], { turns = 12, progress = (_: string) => {} } = {}): Promise<string> {
  const rows: Cell[][] = []
  const goals: string[] = []
  for (const era of eras) {
    // The two arms of a release one after the other on the same machine, so load hits both.
    const alone = await runArm(era, false, turns, progress)
    const tool = await runArm(era, true, turns, progress)
    for (const r of [alone, tool]) {
      rows.push([`${r.era === 'legacy' ? '2026.2.22' : '2026.9.6'}: ${r.arm}`, r.turns, r.rateLimited, r.fallbackWithRoom, r.failed,
        Object.entries(r.answered).map(([k, v]) => `${k.replace('@example.com', '')} ${v}`).join(', '), ms(median(r.turnMs)), r.checkMs.length ? ms(median(r.checkMs)) : '—'])
    }
    goals.push(`${era === 'legacy' ? '2026.2.22' : '2026.9.6'}: ${tool.rateLimited === 0 && tool.fallbackWithRoom === 0 ? '✓' : '✗'} (${tool.rateLimited} and ${tool.fallbackWithRoom} with the tool, ${alone.rateLimited} and ${alone.fallbackWithRoom} alone)`)
  }
  return formatTable('A stretch of work: real turns over three accounts with small quotas', [
    'arm', 'turns', "429s the backend sent", 'fallback answered while a Codex account had room', 'failed turns', 'answered by', 'median turn', 'median check',
  ], rows, [
    `Each answered turn uses ${COST.fiveHour} % of the account's 5-hour window (four turns an account); the order starts alice, bob, carol; an Anthropic fallback is configured; turns go through a gateway.`,
    'The check runs right before each turn, as the cron job would between turns. Turn time includes OpenClaw\'s own retries and rotations.',
    `Goal with the tool: 0 429s and 0 fallback turns while a Codex account had room: ${goals.join('; ')}.`,
  ])
}
