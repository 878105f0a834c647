// install-cron without a gateway: the job we render for each generation, and the jobs.json edit that
// releases before 2026.6.1 get while no gateway runs. The gateway paths run against the real releases
// in test/conformance/install-cron.test.ts.
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { isAbsolute, join } from 'node:path'
import { afterEach, beforeEach, describe, test } from 'node:test'
import JSON5 from 'json5'
import {
  JOB_NAME, formatShellCommand, isAgentJob, isTypeStrippingNode, loadMessageTemplate, quoteShellArg, resolveCheckCommand, resolveCheckRunner,
  resolveCronAddArgs, resolveCronEditArgs, resolveCronJobPlan, resolveTsxCli,
} from '../lib/cron-job.ts'
import { resolveBundlePath } from '../lib/bundle.ts'
import { BadFile } from '../lib/errors.ts'
import { parseEvery } from '../lib/openclaw/cron.ts'
import { parseRelease } from '../lib/openclaw/releases.ts'
import { removeJobs, removeJobsNamed, resolveAgentTurnJob, resolveCronStorePath, upsertAgentTurnJob, type CronStore } from '../lib/openclaw/cron-store.ts'
import { ROOT, createSandbox, type Sandbox } from './support/sandbox.ts'

const TOKEN = 'gateway-token-must-never-print-0123456789'
const command = { argv: ['/opt/node/bin/node', '/p/node_modules/tsx/dist/cli.mjs', '/p/tasks/check-and-switch.ts'], env: { OPENCLAW_STATE_DIR: '/home/me/.openclaw dev' } }

describe('parseEvery', () => {
  const good = [['10m', '10m', 600_000], ['90s', '90s', 90_000], ['1h', '1h', 3_600_000], ['10M', '10m', 600_000], ['010m', '10m', 600_000], ['24h', '24h', 86_400_000]] as const
  for (const [text, every, everyMs] of good) test(`${text} → ${every}`, () => assert.deepEqual(parseEvery(text), { every, everyMs }))
  for (const bad of ['5s', '59s', '0m', '25h', '10', '1.5m', '1d', '10 m', '-10m', 'ten minutes', '']) {
    test(`${JSON.stringify(bad)} is a usage error`, () => assert.throws(() => parseEvery(bad), (e: any) => e.exitCode === 2 && /--every .*1m to 24h/.test(e.message)))
  }
})

describe('the cron of a release (releases.ts)', () => {
  const cases = [
    ['2026.2.22', 'agentTurn', 'jobs-json'],
    ['2026.5.30', 'agentTurn', 'jobs-json'],
    ['2026.6.1', 'agentTurn', 'database'],
    ['2026.6.4', 'agentTurn', 'database'],
    ['2026.6.5', 'command', 'database'],
    ['2026.9.6', 'command', 'database'],
  ] as const
  for (const [version, payload, store] of cases) test(version, () => assert.deepEqual({ payload: parseRelease(version).cronPayload, store: parseRelease(version).cronStore }, { payload, store }))
})

describe('isTypeStrippingNode', () => {
  const cases = [['20.20.2', false], ['22.17.1', false], ['22.18.0', true], ['v22.21.1', true], ['23.11.0', false], ['24.2.0', false], ['24.3.0', true], ['24.21.0', true], ['26.1.0', true]] as const
  for (const [version, want] of cases) test(version, () => assert.equal(isTypeStrippingNode(version), want))
})

describe('resolveCheckRunner', () => {
  test('a node that strips types runs the script alone', async () => {
    assert.deepEqual(await resolveCheckRunner({ env: {}, node: '/opt/node24/bin/node', version: '24.21.0' }), ['/opt/node24/bin/node'])
  })

  test("an older node takes OpenClaw's node when that one strips types, else itself (never tsx's CLI)", async () => {
    const sb = await createSandbox()
    try {
      // An openclaw package whose shebang names a "node" that reports a version.
      const pkg = join(sb.root, 'oc')
      await mkdir(pkg)
      await writeFile(join(pkg, 'package.json'), '{"name":"openclaw"}')
      await writeFile(join(pkg, 'fake-node'), '#!/bin/sh\necho "$FAKE_NODE_VERSION"\n', { mode: 0o755 })
      await writeFile(join(pkg, 'openclaw.mjs'), `#!${join(pkg, 'fake-node')}\n`, { mode: 0o755 })
      // The environment is the one given (the "node" reads its version from it), not this process's.
      const env = (version: string) => ({ OPENCLAW_BIN: join(pkg, 'openclaw.mjs'), FAKE_NODE_VERSION: version })
      process.env.FAKE_NODE_VERSION = '24.3.0'
      assert.deepEqual(await resolveCheckRunner({ env: env('22.12.0'), node: '/n20', version: '20.20.2' }), ['/n20'])
      assert.deepEqual(await resolveCheckRunner({ env: env('24.3.0'), node: '/n20', version: '20.20.2' }), [join(pkg, 'fake-node')])
      assert.deepEqual(await resolveCheckRunner({ env: { OPENCLAW_BIN: join(sb.root, 'none') }, node: '/n20', version: '20.20.2' }), ['/n20'])
      assert.match(resolveTsxCli(), /node_modules\/tsx\/dist\/cli\.mjs$/)
    } finally {
      delete process.env.FAKE_NODE_VERSION
      await sb.cleanup()
    }
  })
})

describe('resolveCheckCommand', () => {
  test('the runner, then the launcher by absolute path; nothing pinned when the shell set nothing', async () => {
    const runner = await resolveCheckRunner({ env: {} })
    const c = resolveCheckCommand({ env: { PATH: '/usr/bin', OPENCLAW_GATEWAY_TOKEN: TOKEN }, runner })
    assert.deepEqual(c.argv, [...runner, join(ROOT, 'bin', 'check-and-switch.mjs')])
    for (const p of c.argv) assert.ok(isAbsolute(p) && existsSync(p), p)
    assert.deepEqual(c.env, {})
  })

  test('pins the state dir, config and openclaw the shell chose, as absolute paths, and never a token', () => {
    const c = resolveCheckCommand({
      env: { OPENCLAW_STATE_DIR: 'rel/state', OPENCLAW_CONFIG_PATH: '/etc/oc.json', OPENCLAW_BIN: './bin/openclaw', OPENCLAW_GATEWAY_TOKEN: TOKEN, OPENCLAW_GATEWAY_PASSWORD: TOKEN },
      runner: ['/n'], root: '/r',
    })
    assert.deepEqual(c, { argv: ['/n', '/r/bin/check-and-switch.mjs'], env: { OPENCLAW_STATE_DIR: join(process.cwd(), 'rel/state'), OPENCLAW_CONFIG_PATH: '/etc/oc.json', OPENCLAW_BIN: join(process.cwd(), 'bin/openclaw') } })
  })

  test('--agent other than main runs the check for that agent', () => {
    assert.deepEqual(resolveCheckCommand({ env: {}, agentId: 'ops', runner: ['/n'], root: '/r' }).argv.slice(2), ['--agent', 'ops'])
    assert.deepEqual(resolveCheckCommand({ env: {}, agentId: 'main', runner: ['/n'], root: '/r' }).argv.slice(2), [])
  })
})

describe('isAgentJob', () => {
  const cases = [
    ['main: our name', { name: JOB_NAME }, 'main', true],
    ['main: our declaration key under another name', { name: 'renamed', declarationKey: JOB_NAME }, 'main', true],
    ['main: our name, agent main', { name: JOB_NAME, agentId: 'main' }, 'main', true],
    ["main: ops's job", { name: `${JOB_NAME}-ops`, declarationKey: `${JOB_NAME}-ops`, agentId: 'ops' }, 'main', false],
    ["main: ops's job from before per-agent names", { name: JOB_NAME, declarationKey: JOB_NAME, agentId: 'ops' }, 'main', false],
    ['ops: its own', { name: `${JOB_NAME}-ops`, agentId: 'ops' }, 'ops', true],
    ['ops: its own from before per-agent names (a stray copy to fold)', { name: JOB_NAME, agentId: 'ops' }, 'ops', true],
    ["ops: main's", { name: JOB_NAME }, 'ops', false],
    ["ops: another agent's", { name: `${JOB_NAME}-dev`, agentId: 'dev' }, 'ops', false],
    ['ops: a name that only starts like ours', { name: `${JOB_NAME}-ops-old` }, 'ops', false],
  ] as const
  for (const [name, job, agent, want] of cases) test(name, () => assert.equal(isAgentJob(job, agent), want))
})

describe('quoteShellArg', () => {
  const cases = [['/usr/bin/node', '/usr/bin/node'], ['a b', "'a b'"], ["it's", "'it'\\''s'"], ['$HOME', "'$HOME'"], ['', "''"]] as const
  for (const [arg, want] of cases) test(JSON.stringify(arg), () => assert.equal(quoteShellArg(arg), want))
  test('env assignments come first', () => {
    assert.equal(formatShellCommand(command), "OPENCLAW_STATE_DIR='/home/me/.openclaw dev' /opt/node/bin/node /p/node_modules/tsx/dist/cli.mjs /p/tasks/check-and-switch.ts")
  })
})

describe('resolveCronAddArgs', () => {
  test('2026.6.5+: a command job with exact argv, its env, a declaration key, no delivery', () => {
    const plan = resolveCronJobPlan({ payload: 'command', every: '10m', everyMs: 600_000, announce: false, command })
    assert.equal(plan.message, undefined)
    assert.deepEqual(resolveCronAddArgs(plan), [
      '--name', JOB_NAME, '--every', '10m', '--session', 'isolated',
      '--command-argv', JSON.stringify(command.argv), '--command-env', 'OPENCLAW_STATE_DIR=/home/me/.openclaw dev',
      '--declaration-key', JOB_NAME, '--no-deliver',
    ])
    assert.deepEqual(resolveCronAddArgs({ ...plan, announce: true, agentId: 'ops' }).slice(-3), ['--announce', '--agent', 'ops'])
  })

  test("another agent's job has a name and declaration key of its own; main's keeps the old one", () => {
    const ops = resolveCronJobPlan({ payload: 'command', every: '10m', everyMs: 600_000, announce: false, agentId: 'ops', command })
    const args = resolveCronAddArgs(ops)
    assert.equal(ops.name, `${JOB_NAME}-ops`)
    assert.deepEqual([args[args.indexOf('--name') + 1], args[args.indexOf('--declaration-key') + 1], args.at(-1)], [`${JOB_NAME}-ops`, `${JOB_NAME}-ops`, 'ops'])
    assert.equal(resolveCronJobPlan({ payload: 'command', every: '10m', everyMs: 600_000, announce: false, agentId: 'main', command }).name, JOB_NAME)
  })

  test('older releases: an isolated agentTurn whose message quotes the exact command', async () => {
    const template = await loadMessageTemplate()
    const plan = resolveCronJobPlan({ payload: 'agentTurn', every: '15m', everyMs: 900_000, announce: false, command, template })
    assert.ok(plan.message!.includes(`\n\n${plan.commandLine}\n\n`), 'the command stands on its own line')
    assert.match(plan.message!, /exec tool/)
    assert.match(plan.message!, /printed nothing and exited 0, reply with exactly NO_REPLY/)
    assert.doesNotMatch(plan.message!, /\{\{command\}\}/)
    assert.deepEqual(resolveCronAddArgs(plan), ['--name', JOB_NAME, '--every', '15m', '--session', 'isolated', '--message', plan.message, '--wake', 'now', '--no-deliver'])
    assert.deepEqual(resolveCronEditArgs(plan), ['--every', '15m', '--session', 'isolated', '--message', plan.message, '--wake', 'now', '--enable', '--no-deliver', '--clear-agent'])
  })

  test('a template without the placeholder is refused', async () => {
    const sb = await createSandbox()
    try {
      await writeFile(join(sb.root, 't.txt'), 'run something\n')
      await assert.rejects(loadMessageTemplate(join(sb.root, 't.txt')), (e: any) => e instanceof BadFile && /has no \{\{command\}\}/.test(e.message))
    } finally {
      await sb.cleanup()
    }
  })
})

describe('upsertAgentTurnJob / removeJobsNamed', () => {
  const spec = { name: JOB_NAME, everyMs: 600_000, message: 'run it', announce: false }
  const other = resolveAgentTurnJob({ ...spec, name: 'other', message: 'hi' }, { now: 1, id: 'o-1' })

  test('a new job has the shape 2026.2.22 stores', () => {
    const { store, action, job } = upsertAgentTurnJob({ version: 1, jobs: [] }, spec, 1000)
    assert.equal(action, 'created')
    assert.match(String(job.id), /^[0-9a-f-]{36}$/)
    assert.deepEqual(store.jobs, [{
      id: job.id, name: JOB_NAME, enabled: true, createdAtMs: 1000, updatedAtMs: 1000,
      schedule: { kind: 'every', everyMs: 600_000, anchorMs: 1000 }, sessionTarget: 'isolated', wakeMode: 'now',
      payload: { kind: 'agentTurn', message: 'run it' }, delivery: { mode: 'none', channel: 'last' }, state: {},
    }])
  })

  test('the same spec again changes nothing; a new interval updates in place and drops the stale next run', () => {
    const first = upsertAgentTurnJob({ version: 1, jobs: [other] }, spec, 1000)
    const ran = { ...first.store, jobs: first.store.jobs.map((j) => (j.name === JOB_NAME ? { ...j, state: { nextRunAtMs: 5, lastRunAtMs: 4 } } : j)) }
    const same = upsertAgentTurnJob(ran, spec, 2000)
    assert.equal(same.action, 'unchanged')
    assert.equal(same.store, ran)
    const moved = upsertAgentTurnJob(ran, { ...spec, everyMs: 300_000, announce: true }, 3000)
    assert.equal(moved.action, 'updated')
    assert.equal(moved.store.jobs.length, 2)
    assert.equal(moved.store.jobs[0], other, 'the other job is the same object')
    assert.deepEqual(moved.job, {
      ...first.job, updatedAtMs: 3000, schedule: { kind: 'every', everyMs: 300_000, anchorMs: 3000 },
      delivery: { mode: 'announce', channel: 'last' }, state: { lastRunAtMs: 4 },
    })
  })

  test('copies of ours collapse into one; removing takes every copy and nothing else', () => {
    const a = resolveAgentTurnJob(spec, { now: 1, id: 'a' })
    const b = resolveAgentTurnJob({ ...spec, message: 'old' }, { now: 2, id: 'b' })
    const store: CronStore = { version: 1, jobs: [a, other, b] }
    const up = upsertAgentTurnJob(store, spec, 10)
    assert.deepEqual([up.action, up.removed, up.store.jobs.map((j) => j.id)], ['updated', ['b'], ['a', 'o-1']])
    const current = upsertAgentTurnJob({ version: 1, jobs: [b, other, a] }, spec, 10)
    assert.deepEqual([current.action, current.removed, current.store.jobs.map((j) => j.id)], ['updated', ['b'], ['o-1', 'a']], 'the copy that already says spec is the one kept')
    assert.equal(current.job, a)
    const rm = removeJobsNamed(store, JOB_NAME)
    assert.deepEqual([rm.removed, rm.store.jobs], [['a', 'b'], [other]])
    assert.equal(removeJobsNamed({ version: 1, jobs: [other] }, JOB_NAME).removed.length, 0)
  })

  test("jobs.json matches the agent's jobs as the gateway path does (isAgentJob): main leaves ops's old job alone, ops folds it into its own", () => {
    const oldOps = resolveAgentTurnJob({ ...spec, agentId: 'ops' }, { now: 1, id: 'old-ops' })
    const store: CronStore = { version: 1, jobs: [oldOps, other] }
    const main = upsertAgentTurnJob(store, spec, 10, (j) => isAgentJob(j, 'main'))
    assert.deepEqual([main.action, main.removed, main.store.jobs.map((j) => j.id).slice(0, 2)], ['created', [], ['old-ops', 'o-1']])
    assert.equal(main.store.jobs[0], oldOps, "ops's job is the same object")
    const ops = upsertAgentTurnJob(store, { ...spec, name: `${JOB_NAME}-ops`, agentId: 'ops' }, 10, (j) => isAgentJob(j, 'ops'))
    assert.deepEqual([ops.action, ops.job.id, ops.job.name, ops.job.agentId], ['updated', 'old-ops', `${JOB_NAME}-ops`, 'ops'])
    assert.deepEqual(removeJobs(store, (j) => isAgentJob(j, 'main')).removed, [])
    assert.deepEqual(removeJobs(store, (j) => isAgentJob(j, 'ops')).removed, ['old-ops'])
  })

  test('the store path follows cron.store in the config', () => {
    assert.equal(resolveCronStorePath({ stateDir: '/s', config: {} }), '/s/cron/jobs.json')
    assert.equal(resolveCronStorePath({ stateDir: '/s', config: { cron: { store: '/elsewhere/jobs.json' } } }), '/elsewhere/jobs.json')
  })
})

describe('install-cron on a legacy release with no gateway (jobs.json)', () => {
  let sb: Sandbox
  const jobsPath = () => join(sb.stateDir, 'cron', 'jobs.json')
  const backupDir = () => join(sb.stateDir, 'cron', '.codex-auth-fallback-backups')
  // OPENCLAW_BIN points nowhere in the sandbox, so no gateway can answer.
  const run = (...args: string[]) => sb.run('install-cron', ['--openclaw-version', '2026.2.22', ...args], { env: { OPENCLAW_GATEWAY_TOKEN: TOKEN } })
  const OTHER = { id: 'other-1', name: 'nightly digest', enabled: true, createdAtMs: 1, updatedAtMs: 1, schedule: { kind: 'cron', expr: '0 3 * * *' }, sessionTarget: 'isolated', wakeMode: 'now', payload: { kind: 'agentTurn', message: 'digest' }, delivery: { mode: 'none' }, state: { lastRunAtMs: 7 } }
  const read = async () => JSON5.parse(await readFile(jobsPath(), 'utf8')) as CronStore
  beforeEach(async () => {
    sb = await createSandbox()
    await mkdir(join(sb.stateDir, 'cron'), { recursive: true })
    // JSON5, as a hand edit might leave it; OpenClaw reads it so.
    await writeFile(jobsPath(), `// mine\n{ version: 1, jobs: [${JSON.stringify(OTHER)}], }\n`, { mode: 0o644 })
  })
  afterEach(() => sb.cleanup())

  test('install twice leaves one job (updated), the other job equal, a 0600 backup, the mode kept', async () => {
    // The bundle's mtime is at least this (mtimes can be coarser than Date.now()).
    const started = Math.floor(Date.now() / 1000) * 1000
    const original = await readFile(jobsPath(), 'utf8')
    const r = await run()
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stderr, /no gateway answered .*; editing .*jobs\.json, which the gateway loads when it starts/)
    assert.match(r.stdout, new RegExp(`^✓ installed cron job ${JOB_NAME} \\([0-9a-f-]{36}\\) in .*jobs\\.json: an isolated agentTurn job every 10m, no delivery$`, 'm'))
    // No OpenClaw in the sandbox: this node runs the launcher, which runs the bundle install-cron built.
    assert.ok(r.stdout.includes(`OPENCLAW_BIN=${join(sb.root, 'no-openclaw-here')} ${process.execPath} ${join(ROOT, 'bin', 'check-and-switch.mjs')}\n`), r.stdout)
    assert.ok((await stat(resolveBundlePath())).mtimeMs >= started, 'install-cron built the bundle')
    const first = await read()
    assert.deepEqual(first.jobs[0], OTHER)
    assert.equal(first.jobs.length, 2)
    assert.equal((await stat(jobsPath())).mode & 0o777, 0o644)
    const backups = await readdir(backupDir())
    assert.equal(backups.length, 1)
    assert.equal(await readFile(join(backupDir(), backups[0]!), 'utf8'), original)
    assert.equal((await stat(join(backupDir(), backups[0]!))).mode & 0o777, 0o600)

    const same = await run()
    assert.equal(same.code, 0, same.stderr)
    assert.match(same.stdout, /is already installed in .* nothing to change/)
    assert.equal((await readdir(backupDir())).length, 1, 'no write, no backup')

    const again = await run('--every', '15m', '--json')
    assert.equal(again.code, 0, again.stderr)
    const data = JSON.parse(again.stdout)
    assert.equal(data.action, 'updated')
    const second = await read()
    assert.deepEqual(second.jobs.map((j) => j.name), ['nightly digest', JOB_NAME])
    assert.deepEqual(second.jobs[0], OTHER)
    assert.equal(second.jobs[1]!.id, first.jobs[1]!.id)
    assert.deepEqual(second.jobs[1]!.schedule, { kind: 'every', everyMs: 900_000, anchorMs: (second.jobs[1]!.schedule as { anchorMs: number }).anchorMs })
    assert.equal(data.jobId, first.jobs[1]!.id)
    assert.doesNotMatch(sb.output.join('\n'), /gateway-token-must/)
  })

  test("two agents' jobs side by side: each install and uninstall touches only its own", async () => {
    assert.equal((await run()).code, 0)
    const ops = await run('--agent', 'ops')
    assert.equal(ops.code, 0, ops.stderr)
    assert.match(ops.stdout, new RegExp(`^✓ installed cron job ${JOB_NAME}-ops \\([0-9a-f-]{36}\\) in `, 'm'))
    assert.match(ops.stdout, /check-and-switch\.\S+ --agent ops\n/)
    const both = (await read()).jobs
    assert.deepEqual(both.map((j) => [j.name, j.agentId]), [['nightly digest', undefined], [JOB_NAME, undefined], [`${JOB_NAME}-ops`, 'ops']])
    assert.match((await run()).stdout, /is already installed/, "installing main's again leaves ops's alone")
    assert.equal((await read()).jobs.length, 3)
    const gone = await run('--uninstall', '--agent', 'ops')
    assert.equal(gone.code, 0, gone.stderr)
    assert.match(gone.stdout, new RegExp(`^✓ removed cron job ${JOB_NAME}-ops `, 'm'))
    assert.deepEqual((await read()).jobs, both.slice(0, 2))
  })

  test('uninstall removes ours and nothing else; a second uninstall finds nothing', async () => {
    assert.equal((await run()).code, 0)
    const r = await run('--uninstall')
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, new RegExp(`^✓ removed cron job ${JOB_NAME} \\([0-9a-f-]{36}\\) in .*jobs\\.json$`, 'm'))
    assert.deepEqual((await read()).jobs, [OTHER])
    const again = await run('--uninstall')
    assert.equal(again.code, 0, again.stderr)
    assert.match(again.stdout, /no cron job model-cooldown-autoswitch in .*; nothing to remove/)
  })

  for (const [name, text, why] of [
    ['malformed JSON5', '{ version: 1, jobs: [ {', /is not valid JSON5 at line 1, column \d+ \(invalid end of input\); nothing was changed \(fix it, or restore it from jobs\.json\.bak\)$/],
    ['not a store', '[]', /is not an OpenClaw cron store/],
  ] as const) {
    test(`${name}: one-line error, exit 1, every file byte-identical`, async () => {
      await writeFile(jobsPath(), text)
      const before = await sb.snapshot(sb.stateDir)
      const r = await run()
      assert.equal(r.code, 1)
      const errors = r.stderr.split('\n').filter((l) => l.startsWith('✗'))
      assert.equal(errors.length, 1, r.stderr)
      assert.match(errors[0]!, why)
      assert.deepEqual(await sb.snapshot(sb.stateDir), before)
    })
  }

  test('--print shows the job and touches nothing', async () => {
    const before = await sb.snapshot(sb.stateDir)
    const r = await run('--print', '--announce')
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /^# model-cooldown-autoswitch for OpenClaw 2026\.2\.22: an isolated agentTurn job every 10m, announcing to the last chat$/m)
    assert.match(r.stdout, /^ {4}- If it printed nothing and exited 0, reply with exactly NO_REPLY/m)
    assert.match(r.stdout, /--message '<the message above>' --wake now --announce$/m)
    assert.deepEqual(await sb.snapshot(sb.stateDir), before)
  })
})

describe('install-cron on 2026.6.1+ with no gateway', () => {
  test('exits 1 naming how to start the gateway, and writes nothing', async () => {
    const sb = await createSandbox()
    try {
      const before = await sb.snapshot(sb.stateDir)
      const r = await sb.run('install-cron', ['--openclaw-version', '2026.9.6'])
      assert.equal(r.code, 1)
      assert.match(r.stderr, /^✗ OpenClaw 2026\.9\.6 keeps cron jobs in its state database, .*no gateway answered .*; start it \(openclaw gateway run, or openclaw gateway start for the installed service\), then run install-cron again$/m)
      assert.deepEqual(await sb.snapshot(sb.stateDir), before)
      const p = await sb.run('install-cron', ['--openclaw-version', '2026.9.6', '--print', '--json'])
      assert.equal(p.code, 0, p.stderr)
      const data = JSON.parse(p.stdout)
      assert.equal(data.action, 'printed')
      assert.equal(data.job.payload, 'command')
      assert.deepEqual(data.job.command.env, { OPENCLAW_STATE_DIR: sb.stateDir, OPENCLAW_CONFIG_PATH: join(sb.stateDir, 'openclaw.json'), OPENCLAW_BIN: join(sb.root, 'no-openclaw-here') })
    } finally {
      await sb.cleanup()
    }
  })
})
