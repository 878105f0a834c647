// check-and-switch run as a command over a stand-in openclaw: state-file transitions (switch, stay
// silent, switch back), what reaches stdout, and a missing gateway leaving the state as it was.
import assert from 'node:assert/strict'
import { access, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { createSandbox, ROOT, type Sandbox } from './support/sandbox.ts'
import { redateStatusFixture } from './support/fixtures.ts'
import { updateSwitchState } from '../lib/switch-state.ts'

const OPUS = 'anthropic/claude-opus-4-6'
const CODEX = 'openai/gpt-5.5'

describe('check-and-switch transitions', () => {
  let sb: Sandbox
  let statusFile: string
  let logFile: string
  let statePath: string
  const calls = async () => (await readFile(logFile, 'utf8').catch(() => '')).trim().split('\n').filter(Boolean).map((l) => JSON.parse(l))
  const run = (args: string[] = [], env: NodeJS.ProcessEnv = {}) => sb.run('check-and-switch', args, { env })
  const useStatus = (name: string) => writeFile(statusFile, redateStatusFixture(name))

  before(async () => {
    sb = await createSandbox()
    statusFile = join(sb.root, 'status.json')
    logFile = join(sb.root, 'calls.log')
    statePath = join(sb.stateDir, 'workspace', 'memory', 'model-switch-state.json')
    Object.assign(sb.env, { OPENCLAW_BIN: join(ROOT, 'test/support/fake-openclaw.mjs'), FAKE_STATUS: statusFile, FAKE_LOG: logFile })
  })
  after(() => sb.cleanup())

  test('first check: one line, the session follows the default, state written', async () => {
    await useStatus('current-anthropic-env-key')
    const r = await run()
    assert.equal(r.code, 0, r.stderr)
    assert.equal(r.stdout.trim().split('\n').length, 1)
    assert.match(r.stdout, /^model switched: \(none\) → anthropic\/claude-opus-4-6 \(session agent:main:main\)/)
    assert.deepEqual(await calls(), [{ call: 'sessions.patch', params: { key: 'agent:main:main', model: null } }])
    const state = JSON.parse(await readFile(statePath, 'utf8'))
    assert.equal(state.lastEffectiveModel, OPUS)
    assert.deepEqual(state.priority, [OPUS, CODEX])
    assert.equal(state.profileStatuses['openai:alice'].status, 'unusable')
    assert.equal(state.profileStatuses['openai:alice'].reason, 'rate_limit')
  })

  test('nothing changed: nothing on stdout, no switch, exit 0', async () => {
    const r = await run()
    assert.equal(r.code, 0, r.stderr)
    assert.equal(r.stdout, '')
    assert.equal((await calls()).length, 1)
  })

  test('the default loses its auth: switches to Codex, saying why and what is free', async () => {
    await useStatus('current-alice-cooling')
    const r = await run()
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /^model switched: anthropic\/claude-opus-4-6 → openai\/gpt-5\.5 \(session agent:main:main\); anthropic\/claude-opus-4-6: no usable auth for anthropic\n$/)
    assert.deepEqual((await calls()).at(-1), { call: 'sessions.patch', params: { key: 'agent:main:main', model: CODEX } })
    assert.equal(JSON.parse(await readFile(statePath, 'utf8')).lastEffectiveModel, CODEX)
  })

  test('a gateway that is not running: exit 1, one line, state file unchanged', async () => {
    await useStatus('current-anthropic-env-key')
    const before = await readFile(statePath)
    const r = await run([], { FAKE_GATEWAY_DOWN: '1' })
    assert.equal(r.code, 1)
    assert.match(r.stderr, /cannot switch session agent:main:main: the gateway did not answer \(gateway closed \(1006\)/)
    assert.equal(r.stderr.trim().split('\n').length, 1)
    assert.deepEqual(await readFile(statePath), before)
  })

  test('--dry-run decides and reports without switching or writing state', async () => {
    const before = await readFile(statePath)
    const n = (await calls()).length
    const r = await run(['--dry-run'])
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /^model would switch: openai\/gpt-5\.5 → anthropic\/claude-opus-4-6/)
    assert.equal((await calls()).length, n)
    assert.deepEqual(await readFile(statePath), before)
  })

  test('switches back when the default can answer again (override cleared)', async () => {
    const r = await run()
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /openai\/gpt-5\.5 → anthropic\/claude-opus-4-6 .*can answer again/)
    assert.deepEqual((await calls()).at(-1), { call: 'sessions.patch', params: { key: 'agent:main:main', model: null } })
  })

  test('--json always prints the decision record, even with no change', async () => {
    const r = await run(['--json'])
    assert.equal(r.code, 0, r.stderr)
    const d = JSON.parse(r.stdout)
    assert.equal(d.changed, false)
    assert.equal(d.chosen, OPUS)
    assert.deepEqual(d.availability.map((a: { model: string; available: boolean }) => [a.model, a.available]), [[OPUS, true], [CODEX, false]])
  })

  test('--global uses models set; --priority and --state are honoured', async () => {
    const state = join(sb.root, 'other-state.json')
    const r = await run(['--global', '--priority', `${CODEX},${OPUS}`, '--state', state])
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /→ anthropic\/claude-opus-4-6 \(global default\)/)
    assert.deepEqual((await calls()).at(-1), { call: 'models set', model: OPUS })
    assert.deepEqual(JSON.parse(await readFile(state, 'utf8')).priority, [CODEX, OPUS])
  })

  test('models status output missing a field: one clear line, exit 1', async () => {
    await writeFile(statusFile, '{"defaultModel":"a/b","fallbacks":[]}')
    const r = await run()
    assert.equal(r.code, 1)
    assert.match(r.stderr, /models status --json: auth .*expected object/)
  })
})

describe('check-and-switch --agent', () => {
  let sb: Sandbox
  let logFile: string
  const memory = () => join(sb.stateDir, 'workspace', 'memory')
  const calls = async () => (await readFile(logFile, 'utf8').catch(() => '')).trim().split('\n').filter(Boolean).map((l) => JSON.parse(l))
  const run = (args: string[] = []) => sb.run('check-and-switch', args)
  before(async () => {
    sb = await createSandbox()
    logFile = join(sb.root, 'calls.log')
    // Two agents side by side: main can answer on Opus (its default), ops only on Codex.
    await writeFile(join(sb.root, 'status.json'), redateStatusFixture('current-anthropic-env-key'))
    await writeFile(join(sb.root, 'status.ops.json'), redateStatusFixture('current-alice-cooling'))
    Object.assign(sb.env, { OPENCLAW_BIN: join(ROOT, 'test/support/fake-openclaw.mjs'), FAKE_STATUS: join(sb.root, 'status.json'), FAKE_LOG: logFile })
  })
  after(() => sb.cleanup())

  test("each agent's check reads its own status, keeps its own state file and moves only its own session", async () => {
    const main = await run()
    assert.equal(main.code, 0, main.stderr)
    assert.match(main.stdout, /^model switched: \(none\) → anthropic\/claude-opus-4-6 \(session agent:main:main\)/)
    const ops = await run(['--agent', 'ops'])
    assert.equal(ops.code, 0, ops.stderr)
    assert.match(ops.stdout, /^model switched: \(none\) → openai\/gpt-5\.5 \(session agent:ops:main\)/)
    assert.deepEqual(await calls(), [
      { call: 'sessions.patch', params: { key: 'agent:main:main', model: null } },
      { call: 'sessions.patch', params: { key: 'agent:ops:main', model: CODEX } },
    ])
    assert.equal(JSON.parse(await readFile(join(memory(), 'model-switch-state.json'), 'utf8')).lastEffectiveModel, OPUS)
    assert.equal(JSON.parse(await readFile(join(memory(), 'model-switch-state.ops.json'), 'utf8')).lastEffectiveModel, CODEX)
    // Neither flaps the other: each one's second check finds nothing changed.
    for (const args of [[], ['--agent', 'ops']]) {
      const again = await run(args)
      assert.equal(again.code, 0, again.stderr)
      assert.equal(again.stdout, '', args.join(' '))
    }
    assert.equal((await calls()).length, 2)
  })

  test('--session still names the session; --json says which state file and session', async () => {
    const r = await run(['--agent', 'ops', '--session', 'agent:ops:work', '--dry-run', '--json'])
    assert.equal(r.code, 0, r.stderr)
    const d = JSON.parse(r.stdout)
    assert.deepEqual([d.session, d.statePath], ['agent:ops:work', join(memory(), 'model-switch-state.ops.json')])
  })

  test('an agent OpenClaw does not know is its one-line error; --global with another agent is refused', async () => {
    const unknown = await run(['--agent', 'nobody'])
    assert.equal(unknown.code, 1)
    assert.match(unknown.stderr, /^✗ openclaw models status failed: .*Unknown agent id "nobody"/m)
    const global = await run(['--agent', 'ops', '--global'])
    assert.equal(global.code, 2)
    assert.match(global.stderr, /^✗ --global changes the default model of every agent, not only ops's; drop --global to move ops's session$/m)
    const bad = await run(['--agent', '../x'])
    assert.equal(bad.code, 2)
    assert.match(bad.stderr, /bad agent id/)
  })
})

describe('overlapping writers of the state file', () => {
  let sb: Sandbox
  before(async () => {
    sb = await createSandbox()
    await writeFile(join(sb.root, 'status.json'), redateStatusFixture('current-alice-cooling'))
    Object.assign(sb.env, { OPENCLAW_BIN: join(ROOT, 'test/support/fake-openclaw.mjs'), FAKE_STATUS: join(sb.root, 'status.json'), FAKE_LOG: join(sb.root, 'calls.log') })
  })
  after(() => sb.cleanup())

  // The cron job's check is held inside its models status call while another writer (a manual
  // run) changes the state file. Read outside the lock and saved at the end, the check would write
  // back the state it read first, and the other change would be lost.
  test("a change made while a check runs is kept: the writers take turns", async () => {
    const statePath = join(sb.stateDir, 'workspace', 'memory', 'model-switch-state.json')
    const barrier = join(sb.root, 'status-barrier')
    const check = sb.run('check-and-switch', [], { env: { FAKE_STATUS_BARRIER: barrier } })
    while (!(await access(`${barrier}.waiting`).then(() => true, () => false))) await new Promise((r) => setTimeout(r, 20))

    let waited = false
    let lockWait!: () => void
    const contended = new Promise<void>((r) => { lockWait = r })
    const other = updateSwitchState(statePath, ({ data }) => ({ data: { ...data, note: 'written meanwhile' }, result: null }), {
      onLockWait: () => { waited = true; lockWait() },
    })
    await Promise.race([other, contended]) // the other writer is done, or waits for the check's lock
    await writeFile(`${barrier}.go`, '')
    const r = await check
    await other
    assert.equal(r.code, 0, r.stderr)
    assert.ok(waited, 'the other writer waited for the lock the check held')
    const state = JSON.parse(await readFile(statePath, 'utf8'))
    assert.equal(state.note, 'written meanwhile', 'the change made while the check ran is still there')
    assert.equal(state.lastEffectiveModel, CODEX)
  })
})
