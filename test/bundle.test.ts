// The precompiled check-and-switch (npm run build) that cron jobs run with plain node: it must behave
// as tasks/check-and-switch.ts does. Built into a temp dir, run over the stand-in openclaw.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { buildCheckBundle } from '../lib/bundle.ts'
import { redateStatusFixture } from './support/fixtures.ts'
import { createSandbox, ROOT, type Sandbox } from './support/sandbox.ts'

describe('buildCheckBundle', () => {
  let sb: Sandbox
  let bundle: string
  const run = (args: string[] = []) => spawnSync(process.execPath, [bundle, ...args], { env: sb.env, encoding: 'utf8' })

  before(async () => {
    sb = await createSandbox()
    bundle = await buildCheckBundle({ outfile: join(sb.root, 'dist', 'check-and-switch.mjs') })
    const status = join(sb.root, 'status.json')
    await writeFile(status, redateStatusFixture('current-anthropic-env-key'))
    Object.assign(sb.env, { OPENCLAW_BIN: join(ROOT, 'test/support/fake-openclaw.mjs'), FAKE_STATUS: status, FAKE_LOG: join(sb.root, 'calls.log') })
  })
  after(() => sb.cleanup())

  test('plain node runs it: a switch is one line and moves the session, a second check is silent', async () => {
    const first = run()
    assert.equal(first.status, 0, first.stderr)
    assert.match(first.stdout, /^model switched: \(none\) → anthropic\/claude-opus-4-6 \(session agent:main:main\); first check\n$/)
    assert.match(await readFile(join(sb.root, 'calls.log'), 'utf8'), /"call":"sessions.patch"/)
    const second = run()
    assert.equal(second.status, 0, second.stderr)
    assert.equal(second.stdout, '')
  })

  test('the SDK bridge the bundle starts (on 2026.6.5+) is beside it, where runner.ts looks for it', async () => {
    assert.equal(await readFile(join(sb.root, 'dist', 'stores', 'sdk-bridge.mjs'), 'utf8'), await readFile(join(ROOT, 'lib', 'openclaw', 'stores', 'sdk-bridge.mjs'), 'utf8'))
  })

  test('a usage error is one line and exit 2, as from the sources', () => {
    const r = run(['--no-such-flag'])
    assert.equal(r.status, 2)
    assert.match(r.stderr, /^✗ check-and-switch: Unknown option '--no-such-flag'/)
    assert.equal(r.stderr.trim().split('\n').length, 1)
  })
})
