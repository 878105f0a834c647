#!/usr/bin/env node
// A stand-in `openclaw` for fast tests of check-and-switch: `models status --json` prints
// $FAKE_STATUS; `gateway call sessions.patch` and `models set` append their arguments to
// $FAKE_LOG, or fail like a missing gateway when $FAKE_GATEWAY_DOWN is set.
// With $FAKE_VERSION set it also answers `--version` and judges `config validate --json` as
// 2026.9.6 does for a key its schema does not know (checked at the top level only).
// With $FAKE_STATUS_BARRIER set, `models status` first creates <barrier>.waiting and answers only
// once <barrier>.go exists, so a test can hold a check in the middle of its run.
// `models status --agent ID` (ID not main) prints $FAKE_STATUS with .json replaced by .ID.json, and
// fails as OpenClaw does for an agent it does not know when there is no such file.
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
const args = process.argv.slice(2)
const log = (entry) => appendFileSync(process.env.FAKE_LOG, `${JSON.stringify(entry)}\n`)
const KNOWN_TOP_KEYS = new Set(['$schema', 'meta', 'env', 'wizard', 'diagnostics', 'logging', 'update', 'browser', 'ui', 'auth', 'models',
  'nodeHost', 'agents', 'tools', 'bindings', 'broadcast', 'audio', 'media', 'messages', 'commands', 'approvals', 'session', 'cron',
  'hooks', 'web', 'channels', 'discovery', 'canvasHost', 'talk', 'gateway', 'memory', 'skills', 'plugins'])
if (args[0] === '--version' && process.env.FAKE_VERSION) {
  process.stdout.write(`${process.env.FAKE_VERSION}\n`)
} else if (args[0] === 'config' && args[1] === 'validate' && process.env.FAKE_VERSION) {
  const path = process.env.OPENCLAW_CONFIG_PATH
  const unknown = Object.keys(JSON.parse(readFileSync(path, 'utf8'))).filter((k) => !KNOWN_TOP_KEYS.has(k))
  const issues = unknown.map((k) => ({ path: '<root>', message: `Unrecognized key: ${JSON.stringify(k)}` }))
  process.stdout.write(`${JSON.stringify(issues.length ? { ok: false, valid: false, path, issues } : { ok: true, valid: true, path, issues: [], warnings: [] })}\n`)
  process.exit(issues.length ? 1 : 0)
} else if (args[0] === 'models' && args[1] === 'status') {
  const barrier = process.env.FAKE_STATUS_BARRIER
  if (barrier) {
    writeFileSync(`${barrier}.waiting`, String(process.pid))
    while (!existsSync(`${barrier}.go`)) await new Promise((r) => setTimeout(r, 20))
  }
  const agent = args.includes('--agent') ? args[args.indexOf('--agent') + 1] : 'main'
  const file = agent === 'main' ? process.env.FAKE_STATUS : process.env.FAKE_STATUS.replace(/\.json$/, `.${agent}.json`)
  if (!existsSync(file)) {
    process.stdout.write(JSON.stringify({ ok: false, error: { type: 'cli_error', message: `Unknown agent id "${agent}". Use "openclaw agents list" to see configured agents.` } }))
    process.exit(1)
  }
  process.stdout.write(readFileSync(file, 'utf8'))
} else if (args[0] === 'gateway' && args[1] === 'call') {
  if (process.env.FAKE_GATEWAY_DOWN) {
    process.stdout.write(JSON.stringify({ ok: false, error: { type: 'gateway_transport_error', message: 'gateway closed (1006): connect ECONNREFUSED 127.0.0.1:18789' } }))
    process.exit(1)
  }
  log({ call: args[2], params: JSON.parse(args[args.indexOf('--params') + 1]) })
  process.stdout.write('{"ok":true}\n')
} else if (args[0] === 'models' && args[1] === 'set') {
  log({ call: 'models set', model: args[2] })
} else {
  process.stderr.write(`fake openclaw: unexpected ${args.join(' ')}\n`)
  process.exit(2)
}
