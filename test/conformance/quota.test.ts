// The order by remaining room, on both pinned releases with a real gateway: alice exhausted, bob at
// 95 %, carol at 10 %. After one check-and-switch OpenClaw's own order (as OpenClaw reports it) is
// carol, bob, alice, and the next real turn is answered by carol with no 429 at the backend.
import assert from 'node:assert/strict'
import { after, describe, test } from 'node:test'
import { CODEX_MODEL, CODEX_PROVIDER, describeRequests, openFailoverWorld, type FailoverWorld } from '../../sandbox/failover-world.ts'
import { recordTokens } from '../support/record.ts'
import { createSandbox, findTokenLeak } from '../support/sandbox.ts'
import { probeOpenclaw, requireOpenclaw, runOpenclaw, type Era, type OpenclawInstall } from '../support/tools.ts'

for (const era of ['legacy', 'current'] as const satisfies readonly Era[]) {
  describe(`quota-aware order on OpenClaw ${era}`, async () => {
    const skip = await probeOpenclaw(era)
    const P = (n: string) => `${CODEX_PROVIDER[era]}:${n}`
    let w: FailoverWorld
    const tokens: string[] = []
    after(async () => {
      await w?.close()
      await w?.sb.cleanup()
    })

    test('check-and-switch puts carol, bob, alice where OpenClaw reads it; the next turn is carol\'s, with no 429', { skip, timeout: 900_000 }, async (t) => {
      const sb = await createSandbox()
      const oc = (await requireOpenclaw(era, sb)) as OpenclawInstall
      w = await openFailoverWorld(sb, oc, era, { names: ['alice', 'bob', 'carol'], onTokens: (...x) => { tokens.push(...x); recordTokens(...x) } })
      await w.startGateway()
      w.backend.accounts.markOut('acct-alice', { resetsInSeconds: 3 * 3600 })
      w.backend.accounts.setUsed('acct-bob', 'five-hour', 95)
      w.backend.accounts.setUsed('acct-carol', 'five-hour', 10)

      const check = await w.sb.run('check-and-switch', [], { env: w.env })
      assert.equal(check.code, 0, check.stderr)
      t.diagnostic(check.stdout.trim())
      assert.match(check.stdout, new RegExp(`^codex accounts reordered: ${P('carol')}, ${P('bob')}, ${P('alice')} \\(was ${P('alice')}, ${P('bob')}, ${P('carol')}\\); ${P('bob')} at 95 %; ${P('alice')} exhausted, frees up `, 'm'))

      const order = await runOpenclaw(w.oc, w.sb, ['models', 'auth', 'order', 'get', '--provider', CODEX_PROVIDER[era], '--agent', 'main', '--json'], w.env)
      assert.equal(order.code, 0, order.stderr)
      assert.deepEqual(order.json().order, [P('carol'), P('bob'), P('alice')], "OpenClaw's own order")

      const turn = await w.turn()
      t.diagnostic(`the next turn: ${describeRequests(turn.requests, { turnModel: CODEX_MODEL[era] })} -> ${turn.answeredBy}`)
      assert.equal(turn.code, 0, turn.stderr.slice(-800))
      assert.equal(turn.answeredBy, 'carol@example.com')
      assert.deepEqual(turn.requests.filter((e) => e.status === 429), [], 'no 429 at the backend')

      const again = await w.sb.run('check-and-switch', [], { env: w.env })
      assert.equal(again.code, 0, again.stderr)
      assert.equal(again.stdout, '', 'a second check changes nothing and says nothing')
    })

    // What a command job's output becomes, through the real gateway (2026.6.5+ runs command jobs):
    // OpenClaw trims stdout; nothing left posts nothing (the run says suppression "empty"); a line
    // is what it tries to post (here with no chat configured the send fails closed, which the run
    // records as a delivery error: evidence that this very line was to be posted).
    // Command jobs and their run records are 2026.6.5+: no such test on 2026.2.22 (rather than a skipped one).
    if (era === 'current') test('install-cron --announce: a check that changed nothing posts nothing; one that changed something posts its line', { skip, timeout: 600_000 }, async (t) => {
      const install = await w.sb.run('install-cron', ['--announce'], { env: w.env })
      assert.equal(install.code, 0, install.stderr)
      const jobs = await runOpenclaw(w.oc, w.sb, ['cron', 'list', '--all', '--json'], w.env)
      const job = jobs.json().jobs.find((j: { name: string }) => j.name === 'model-cooldown-autoswitch')
      assert.ok(job, 'the job is installed')
      const run = async () => {
        const r = await runOpenclaw(w.oc, w.sb, ['cron', 'run', job.id, '--wait', '--json'], w.env)
        const doc = JSON.parse(r.stdout.slice(r.stdout.search(/^\{/m)))
        return { code: r.code, run: doc.run as { status: string; summary?: string; deliverySuppressionReason?: string; deliveryError?: string } }
      }
      const quiet = await run()
      t.diagnostic(`nothing changed: ${JSON.stringify({ status: quiet.run.status, summary: quiet.run.summary, suppression: quiet.run.deliverySuppressionReason })}`)
      assert.equal(quiet.run.status, 'ok')
      assert.equal(quiet.run.summary, undefined, 'no output')
      assert.equal(quiet.run.deliverySuppressionReason, 'empty', 'so nothing was posted')
      assert.equal(quiet.code, 0)

      w.backend.accounts.setUsed('acct-carol', 'five-hour', 100)
      const talk = await run()
      t.diagnostic(`carol out: ${JSON.stringify({ status: talk.run.status, summary: talk.run.summary, deliveryError: talk.run.deliveryError?.slice(0, 60) })}`)
      assert.equal(talk.run.status, 'ok', 'the check itself succeeded')
      // carol out too: every account is near or at its limit, so the session moves off Codex as well.
      assert.match(talk.run.summary ?? '', new RegExp(`^codex accounts reordered: ${P('bob')}, .*\\(was ${P('carol')}, `, 'm'), 'its lines are the message')
      assert.match(talk.run.summary ?? '', /^model switched: .* → anthropic\//m)
      assert.equal(talk.run.deliverySuppressionReason, undefined)
      assert.ok(talk.run.deliveryError, 'a post of that line was attempted (no chat is configured here, so it failed closed)')
    })

    test('no token in any output', { skip }, () => {
      assert.equal(findTokenLeak(w.sb.output.join('\n'), tokens), undefined)
    })
  })
}
