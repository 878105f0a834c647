// render-config as a user runs it, in a sandbox with a hand-made auth-profiles.json. No OpenClaw is
// installed here (OPENCLAW_BIN points nowhere) except a stand-in that rejects a planted key; the
// real releases are in test/conformance/render-config.test.ts.
import assert from 'node:assert/strict'
import { chmod, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, test } from 'node:test'
import JSON5 from 'json5'
import { CONFIG, seedState } from './support/config-fixture.ts'
import { formatRenderConfig } from '../lib/render-config.ts'
import { createSandbox, type Sandbox } from './support/sandbox.ts'

describe('render-config', () => {
  let sb: Sandbox
  const configPath = () => join(sb.stateDir, 'openclaw.json')
  const render = (...args: string[]) => sb.run('render-config', ['--openclaw-version', '2026.2.22', ...args])
  beforeEach(async () => {
    sb = await createSandbox()
    await seedState(sb.stateDir)
  })
  afterEach(() => sb.cleanup())

  test('a dry run prints the diff, the lost comments and the stale ids, and changes nothing', async () => {
    const before = await sb.snapshot(sb.stateDir)
    const r = await render()
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /^# .*openclaw\.json has comments: JSON5 comments cannot survive a rewrite/m)
    assert.match(r.stdout, /^# dropped from auth.profiles\/auth.order, not in the credential store: openai-codex:old$/m)
    assert.match(r.stdout, /^\+\+\+ .*openclaw\.json \(rendered\)$/m)
    assert.match(r.stdout, /^\+ {10}"openai-codex\/gpt-5\.3-codex"$/m)
    assert.match(r.stdout, /^- {8}"openai-codex:old"$/m)
    assert.match(r.stdout, /dry run: nothing written; pass --write/)
    assert.doesNotMatch(r.stdout, /\x1b\[/, 'no colour without a terminal')
    assert.doesNotMatch(r.stdout + r.stderr, /gateway-secret|0123456789/, 'no secret of the config or the store is printed')
    assert.deepEqual(await sb.snapshot(sb.stateDir), before)
  })

  test('--write without OpenClaw writes with a warning, 0600 as OpenClaw writes it, backs up; a second run changes nothing', async () => {
    const original = await readFile(configPath(), 'utf8')
    const r = await render('--write')
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stderr, /^! written without validation: no OpenClaw to run/m)
    assert.match(r.stdout, /✓ wrote .*openclaw\.json \(NOT validated by OpenClaw\); backup /)
    const written = JSON.parse(await readFile(configPath(), 'utf8'))
    assert.deepEqual(written.auth.order, { 'openai-codex': ['openai-codex:bob', 'openai-codex:alice'] })
    assert.deepEqual(Object.keys(written.auth.profiles), ['anthropic:me', 'openai-codex:alice', 'openai-codex:bob'])
    assert.deepEqual(written.agents.defaults.model, { primary: 'anthropic/claude-opus-4-6', fallbacks: ['openai-codex/gpt-5.3-codex'] })
    assert.equal(written.gateway.auth.token, 'gateway-secret-0123456789', 'the file keeps the real value; only printing hides it')
    assert.equal((await stat(configPath())).mode & 0o777, 0o600, 'a 0640 config is written 0600: it can hold gateway and channel tokens')
    const backupDir = join(sb.stateDir, '.codex-auth-fallback-backups')
    const backups = await readdir(backupDir)
    assert.equal(backups.length, 1)
    assert.equal(await readFile(join(backupDir, backups[0]!), 'utf8'), original)
    assert.equal((await stat(join(backupDir, backups[0]!))).mode & 0o777, 0o600)
    assert.deepEqual((await readdir(sb.stateDir)).sort(), ['.codex-auth-fallback-backups', 'agents', 'openclaw.json'], 'no temp file left')

    const again = await render('--write')
    assert.equal(again.code, 0, again.stderr)
    assert.match(again.stdout, /already says this; nothing to change/)
    assert.equal((await readdir(backupDir)).length, 1)
  })

  test('a new config file is created 0600', async () => {
    await rm(configPath())
    const r = await render('--write')
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /does not exist yet; it will be created/)
    assert.equal((await stat(configPath())).mode & 0o777, 0o600)
  })

  test('--json prints the rendered config, secrets redacted, and writes nothing', async () => {
    const before = await readFile(configPath())
    const r = await render('--json', '--primary', 'openai-codex/gpt-5.3-codex', '--fallback', 'anthropic/claude-opus-4-6', '--fallback', 'anthropic/claude-opus-4-5')
    assert.equal(r.code, 0, r.stderr)
    const rendered = JSON.parse(r.stdout)
    assert.deepEqual(rendered.agents.defaults.model, { primary: 'openai-codex/gpt-5.3-codex', fallbacks: ['anthropic/claude-opus-4-6', 'anthropic/claude-opus-4-5'] })
    assert.equal(rendered.gateway.auth.token, '[redacted]')
    assert.match(r.stderr, /dropped from auth.profiles\/auth.order, not in the credential store: openai-codex:old/)
    assert.deepEqual(await readFile(configPath()), before)
  })

  test('the model naming follows the release: openai/... from 2026.5.12, with openai-codex:* profiles', async () => {
    const r = await sb.run('render-config', ['--openclaw-version', '2026.5.20', '--json'])
    assert.equal(r.code, 0, r.stderr)
    const rendered = JSON.parse(r.stdout)
    assert.deepEqual(rendered.agents.defaults.model.fallbacks, ['openai/gpt-5.5'])
    assert.deepEqual(rendered.auth.order['openai-codex'], ['openai-codex:bob', 'openai-codex:alice'])
  })

  test('a ref in the retired naming is a usage error', async () => {
    const r = await sb.run('render-config', ['--openclaw-version', '2026.9.6', '--fallback', 'openai-codex/gpt-5.3-codex'])
    assert.equal(r.code, 2)
    assert.match(r.stderr, /^✗ openai-codex\/gpt-5\.3-codex uses the naming of OpenClaw up to 2026\.5\.11; this release calls it openai\/gpt-5\.3-codex$/m)
  })

  test('a config that is not JSON5 is one line with line and column, and stays byte-identical', async () => {
    await writeFile(configPath(), '{\n  gateway: {\n    port: 18789,,\n  },\n}\n')
    const before = await sb.snapshot(sb.stateDir)
    const r = await render('--write')
    assert.equal(r.code, 1)
    assert.match(r.stderr, /^✗ .*openclaw\.json: is not valid JSON5 at line 3, column 17 \(invalid character ','\); fix it, or restore it from a backup$/m)
    assert.deepEqual(await sb.snapshot(sb.stateDir), before)
  })

  test('what the installed OpenClaw rejects is not written, and its message is shown', async () => {
    // A stand-in speaking 2026.2.22's dialect: it refuses any config holding "bogusKey".
    const fake = join(sb.root, 'fake-openclaw')
    await writeFile(fake, `#!${process.execPath}
const fs = require('node:fs')
const args = process.argv.slice(2)
if (args[0] === '--version') { console.log('2026.2.22'); process.exit(0) }
if (fs.readFileSync(process.env.OPENCLAW_CONFIG_PATH, 'utf8').includes('bogusKey')) {
  console.error('Config invalid\\nFile: x\\nProblem:\\n  - <root>: Unrecognized key: "bogusKey"\\n\\nRun: openclaw doctor --fix')
  process.exit(1)
}
`)
    await chmod(fake, 0o755)
    await writeFile(configPath(), `{ bogusKey: 1, ${CONFIG.slice(1)}`)
    const before = await sb.snapshot(sb.stateDir)
    const r = await sb.run('render-config', ['--write'], { env: { OPENCLAW_BIN: fake } })
    assert.equal(r.code, 1)
    assert.match(r.stderr, /^✗ OpenClaw 2026\.2\.22 rejects the rendered config: <root>: Unrecognized key: "bogusKey"; nothing was written/m)
    assert.deepEqual(await sb.snapshot(sb.stateDir), before)
  })
})

describe('render-config --template', () => {
  test('a copied template is merged exactly as it says', async () => {
    const sb = await createSandbox()
    try {
      await seedState(sb.stateDir, '{}')
      const template = join(sb.root, 'mine.json5')
      await writeFile(template, "// mine\n{ agents: { defaults: { model: { primary: 'anthropic/claude-opus-4-5', fallbacks: ['openai-codex/gpt-5.2'] }, thinkingDefault: 'low' } } }\n")
      const r = await sb.run('render-config', ['--openclaw-version', '2026.2.22', '--json', '--template', template])
      assert.equal(r.code, 0, r.stderr)
      const { agents } = JSON5.parse(r.stdout)
      assert.deepEqual(agents.defaults, {
        model: { primary: 'anthropic/claude-opus-4-5', fallbacks: ['openai-codex/gpt-5.2'] },
        thinkingDefault: 'low',
        models: { 'anthropic/claude-opus-4-5': {}, 'openai-codex/gpt-5.2': {} },
      })
    } finally {
      await sb.cleanup()
    }
  })
})

describe('formatRenderConfig', () => {
  const result = { configPath: '/s/openclaw.json', templatePath: '/t', config: {}, changed: true, written: false, stale: [], notes: ['a note'], diff: ['--- a', '+++ b', '@@ -1 +1 @@', '-old', '+new', ' same'] }
  test('colour only when asked (the task asks on a TTY)', () => {
    assert.deepEqual(formatRenderConfig(result).lines.slice(0, 7), ['# a note', ...result.diff])
    const painted = formatRenderConfig(result, { color: true }).lines
    assert.equal(painted[4], '\x1b[31m-old\x1b[0m')
    assert.equal(painted[5], '\x1b[32m+new\x1b[0m')
    assert.equal(painted[6], ' same')
  })
})
