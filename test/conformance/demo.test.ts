// npm run demo end to end against the pinned releases: by default the current release's story
// (the state database, a real turn against the loopback backend, a gateway of its own), and with
// --legacy the 2026.2 story on 2026.2.22.
import { test } from 'node:test'
import { checkDemo } from '../support/demo-check.ts'
import { probeOpenclaw } from '../support/tools.ts'

const current = await probeOpenclaw('current')
test("the demo tells the current release's story, a real turn included", { skip: current, timeout: 600_000 }, async (t) => {
  const demo = await checkDemo([])
  t.diagnostic(`demo (${demo.openclaw}): ${demo.steps.length} commands in ${demo.seconds} s; the turn: ${demo.turn?.requests}`)
})

const legacy = await probeOpenclaw('legacy')
test('the demo tells the 2026.2 story on the real 2026.2.22 (--legacy)', { skip: legacy, timeout: 300_000 }, async (t) => {
  const demo = await checkDemo(['--legacy'])
  t.diagnostic(`demo (${demo.openclaw}): ${demo.steps.length} commands in ${demo.seconds} s`)
})
