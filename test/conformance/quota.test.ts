// The order by remaining room, on both pinned releases with a real gateway: alice exhausted, bob at
// 95 %, carol at 10 %. After one check-and-switch OpenClaw's own order (as OpenClaw reports it) is
// carol, bob, alice, and the next real turn is answered by carol with no 429 at the backend.
import assert from 'node:assert/strict'
import { after, describe, test } from 'node:test'
import { CODEX_PROVIDER, describeRequests, openFailoverWorld, type FailoverWorld } from '../../sandbox/failover-world.ts'
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
      t.diagnostic(`the next turn: ${describeRequests(turn.requests)} -> ${turn.answeredBy}`)
      assert.equal(turn.code, 0, turn.stderr.slice(-800))
      assert.equal(turn.answeredBy, 'carol@example.com')
      assert.deepEqual(turn.requests.filter((e) => e.status === 429), [], 'no 429 at the backend')

      const again = await w.sb.run('check-and-switch', [], { env: w.env })
      assert.equal(again.code, 0, again.stderr)
      assert.equal(again.stdout, '', 'a second check changes nothing and says nothing')
    })

    test('no token in any output', { skip }, () => {
      assert.equal(findTokenLeak(w.sb.output.join('\n'), tokens), undefined)
    })
  })
}
