// npm run demo end to end against the pinned OpenClaw 2026.2.22 and a gateway of its own.
import { test } from 'node:test'
import { checkDemo } from '../support/demo-check.ts'
import { probeOpenclaw } from '../support/tools.ts'

const skip = await probeOpenclaw('legacy')
test('the demo tells the whole story on the real release', { skip, timeout: 300_000 }, async (t) => {
  const demo = await checkDemo([])
  t.diagnostic(`demo (${demo.openclaw}): ${demo.steps.length} commands in ${demo.seconds} s`)
})
