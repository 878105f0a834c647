// npm run demo end to end, with the stand-in for OpenClaw (no download needed); the same story
// against the real pinned release is in test/conformance/demo.test.ts.
import { test } from 'node:test'
import { checkDemo } from './support/demo-check.ts'

test('the demo tells the whole story and leaves nothing behind (stand-in OpenClaw)', { timeout: 180_000 }, async (t) => {
  const demo = await checkDemo(['--stand-in'])
  t.diagnostic(`demo (stand-in): ${demo.steps.length} commands in ${demo.seconds} s`)
})
