// Preloaded (NODE_OPTIONS=--import) into every process of a test that wants to know when OpenClaw
// runs: an OpenClaw CLI process or our SDK bridge appends "<pid> <what it was asked>" to
// $CAF_TEST_MARKS as it starts, so a test can act at that moment (send a signal, say) and check
// afterwards that the process is gone.
import { appendFileSync } from 'node:fs'

const marks = process.env.CAF_TEST_MARKS
const script = process.argv[1] ?? ''
if (marks && /(openclaw\.mjs|openclaw|sdk-bridge\.mjs)$/.test(script)) {
  const what = script.endsWith('sdk-bridge.mjs') ? 'sdk-bridge' : process.argv.slice(2).join(' ')
  appendFileSync(marks, `${process.pid} ${what}\n`)
}
