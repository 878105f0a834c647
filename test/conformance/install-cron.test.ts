// install-cron against both pinned releases with a gateway the test starts: installing twice leaves
// one job in `openclaw cron list`, uninstalling removes it and nothing else, a legacy jobs.json edit is
// loaded by the gateway started after it, a second agent's job is listed beside main's and removed
// alone, and on 2026.9.6 `openclaw cron run` executes check-and-switch (the bundle install-cron
// built) for each agent.
import assert from 'node:assert/strict'
import { access, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { after, before, describe, test, type TestContext } from 'node:test'
import { resolveBundlePath } from '../../lib/bundle.ts'
import { JOB_NAME, isTypeStrippingNode, resolveTsxCli } from '../../lib/cron-job.ts'
import { createSandbox, findTokenLeak, ROOT, type Sandbox } from '../support/sandbox.ts'
import { freePort, startGateway, type Gateway } from '../../sandbox/gateway.ts'
import { probeOpenclaw, requireOpenclaw, runOpenclaw, type Era, type OpenclawInstall } from '../support/tools.ts'

const OPUS = 'anthropic/claude-opus-4-6'
// The gateway (and so the job it runs) gets Anthropic through an environment key, so the
// check-and-switch a cron run starts has a model that can answer.
const ANTHROPIC_KEY = 'sk-ant-test-placeholder-0000000000'

const OPS_JOB = `${JOB_NAME}-ops`

interface Job { id: string; name: string; enabled?: boolean; declarationKey?: string; agentId?: string; schedule: { everyMs?: number }; sessionTarget?: string; payload: { kind: string; message?: string; argv?: string[]; env?: Record<string, string> }; delivery?: { mode: string } }

function useWorld(era: Era, skip: string | false) {
  const w = {} as { sb: Sandbox; oc: OpenclawInstall; gw?: Gateway }
  before(async () => {
    if (skip) return
    w.sb = await createSandbox({ ANTHROPIC_API_KEY: ANTHROPIC_KEY })
    w.oc = (await requireOpenclaw(era, w.sb)) as OpenclawInstall
    const models = { [OPUS]: { alias: 'opus' } }
    // A second agent, ops, whose job sits beside main's.
    const list = [{ id: 'main', default: true }, { id: 'ops' }]
    await writeFile(join(w.sb.stateDir, 'openclaw.json'), JSON.stringify({ agents: { list, defaults: { model: { primary: OPUS }, models } } }, null, 2))
  })
  after(async () => {
    await w.gw?.stop()
    await w.sb?.cleanup()
  })
  return w
}

const SCRIPT = join(ROOT, 'bin', 'check-and-switch.mjs')

/**
 * What the job runs the launcher with: this node when it strips types, else the pinned node@24
 * OpenClaw runs on (requireOpenclaw puts it first on PATH), so that a stale bundle's fallback to the
 * sources needs no tsx, whose esbuild service would outlive the run.
 */
function resolveExpectedRunner(oc: OpenclawInstall): string[] {
  return isTypeStrippingNode(process.versions.node) ? [process.execPath] : [join(oc.binDir, 'node')]
}

/** Env for "no gateway here": a port nothing listens on (never the default 18789, which another gateway may own). */
async function resolveNoGatewayEnv(): Promise<NodeJS.ProcessEnv> {
  return { OPENCLAW_GATEWAY_PORT: String(await freePort()), OPENCLAW_GATEWAY_TOKEN: 'no-gateway-listens-here-000000' }
}

async function timed<T>(t: TestContext, what: string, fn: () => Promise<T>): Promise<T> {
  const start = Date.now()
  try {
    return await fn()
  } finally {
    t.diagnostic(`${what}: ${Date.now() - start} ms`)
  }
}

// ERA=legacy or ERA=current runs one release only.
const eras = (process.env.ERA ? [process.env.ERA] : ['legacy', 'current']) as Era[]

if (eras.includes('legacy')) {
  describe('install-cron on OpenClaw legacy (2026.2.22: agentTurn, jobs.json)', async () => {
    const skip = await probeOpenclaw('legacy')
    const w = useWorld('legacy', skip)
    const install = (args: string[], env: NodeJS.ProcessEnv = w.gw!.env) => w.sb.run('install-cron', args, { env: { ...w.oc.env, ...env } })
    const list = async (): Promise<Job[]> => {
      const r = await runOpenclaw(w.oc, w.sb, ['cron', 'list', '--all', '--json'], w.gw!.env)
      assert.equal(r.code, 0, r.stderr)
      return r.json().jobs
    }
    let message: string
    let other: Job

    test('without a gateway jobs.json is edited, and a gateway started after loads the job', { skip, timeout: 180_000 }, async (t) => {
      const noGateway = await resolveNoGatewayEnv()
      const printed = await install(['--print', '--json'], noGateway)
      assert.equal(printed.code, 0, printed.stderr)
      message = JSON.parse(printed.stdout).job.message
      const r = await timed(t, 'install-cron (no gateway, jobs.json)', () => install([], noGateway))
      assert.equal(r.code, 0, r.stderr)
      assert.match(r.stderr, /no gateway answered \(gateway closed \(1006/)
      assert.match(r.stdout, new RegExp(`^✓ installed cron job ${JOB_NAME} \\([0-9a-f-]{36}\\) in ${w.sb.stateDir}/cron/jobs\\.json: an isolated agentTurn job every 10m, no delivery$`, 'm'))

      w.gw = await timed(t, 'gateway start', () => startGateway(w.oc, w.sb))
      const jobs = await timed(t, 'cron list', list)
      assert.equal(jobs.length, 1)
      const [job] = jobs
      assert.equal(job!.name, JOB_NAME)
      assert.equal(job!.enabled, true)
      assert.equal(job!.schedule.everyMs, 600_000)
      assert.equal(job!.sessionTarget, 'isolated')
      assert.deepEqual(job!.payload, { kind: 'agentTurn', message })
      assert.equal(job!.delivery?.mode, 'none')
      assert.ok(message.includes([...resolveExpectedRunner(w.oc), SCRIPT].join(' ')), 'the message names the command by absolute paths')
      assert.ok(!message.includes(resolveTsxCli()))
    })

    test('with the gateway: installing twice leaves one job, --every updates it in place, another job is untouched', { skip, timeout: 180_000 }, async (t) => {
      const add = await timed(t, 'cron add (other job)', () => runOpenclaw(w.oc, w.sb, ['cron', 'add', '--name', 'other', '--every', '1h', '--session', 'isolated', '--message', 'hi', '--no-deliver', '--json'], w.gw!.env))
      assert.equal(add.code, 0, add.stderr)
      other = add.json()
      const [ours] = (await list()).filter((j) => j.name === JOB_NAME)

      const same = await timed(t, 'install-cron (gateway, unchanged)', () => install([]))
      assert.equal(same.code, 0, same.stderr)
      assert.match(same.stdout, new RegExp(`^✓ cron job ${JOB_NAME} \\(${ours!.id}\\) is already installed through the gateway`, 'm'))

      const moved = await timed(t, 'install-cron --every 15m (gateway, cron edit)', () => install(['--every', '15m']))
      assert.equal(moved.code, 0, moved.stderr)
      assert.match(moved.stdout, new RegExp(`^✓ updated cron job ${JOB_NAME} \\(${ours!.id}\\) through the gateway: an isolated agentTurn job every 15m`, 'm'))
      const again = await install(['--every', '15m'])
      assert.equal(again.code, 0, again.stderr)
      assert.match(again.stdout, /is already installed/)

      const jobs = await list()
      const mine = jobs.filter((j) => j.name === JOB_NAME)
      assert.equal(mine.length, 1)
      assert.equal(mine[0]!.id, ours!.id)
      assert.equal(mine[0]!.schedule.everyMs, 900_000)
      assert.deepEqual(mine[0]!.payload, { kind: 'agentTurn', message })
      assert.deepEqual(jobs.find((j) => j.id === other.id), other)
    })

    test("ops's job is listed beside main's, runs check-and-switch --agent ops, and is uninstalled alone", { skip, timeout: 180_000 }, async () => {
      const before = await list()
      const r = await install(['--agent', 'ops', '--every', '15m'])
      assert.equal(r.code, 0, r.stderr)
      assert.match(r.stdout, new RegExp(`^✓ installed cron job ${OPS_JOB} \\([0-9a-f-]{36}\\) through the gateway`, 'm'))
      const jobs = await list()
      const ops = jobs.find((j) => j.name === OPS_JOB)
      assert.equal(ops?.agentId, 'ops')
      assert.ok(ops!.payload.message!.includes(`${SCRIPT} --agent ops\n`), ops!.payload.message)
      assert.deepEqual(jobs.filter((j) => j.name !== OPS_JOB), before, "main's job and the other are as they were")
      assert.match((await install(['--every', '15m'])).stdout, /is already installed/, "installing main's again leaves ops's alone")
      const gone = await install(['--uninstall', '--agent', 'ops'])
      assert.equal(gone.code, 0, gone.stderr)
      assert.match(gone.stdout, new RegExp(`^✓ removed cron job ${OPS_JOB} \\(${ops!.id}\\) through the gateway$`, 'm'))
      assert.deepEqual(await list(), before)
    })

    test('a copy of ours is folded away; uninstall removes ours and nothing else', { skip, timeout: 180_000 }, async (t) => {
      const copy = await runOpenclaw(w.oc, w.sb, ['cron', 'add', '--name', JOB_NAME, '--every', '5m', '--session', 'isolated', '--message', 'old', '--no-deliver', '--json'], w.gw!.env)
      assert.equal(copy.code, 0, copy.stderr)
      const [kept] = (await list()).filter((j) => j.name === JOB_NAME && j.id !== copy.json().id)
      const fold = await install(['--every', '15m'])
      assert.equal(fold.code, 0, fold.stderr)
      assert.match(fold.stdout, new RegExp(`^✓ updated cron job ${JOB_NAME} \\(${kept!.id}\\) `, 'm'), 'the job that already says the plan is kept')
      assert.match(fold.stdout, new RegExp(`removed stray copies: ${copy.json().id}`))
      assert.deepEqual((await list()).filter((j) => j.name === JOB_NAME).map((j) => j.id), [kept!.id])

      const r = await timed(t, 'install-cron --uninstall (gateway, cron rm)', () => install(['--uninstall']))
      assert.equal(r.code, 0, r.stderr)
      assert.match(r.stdout, new RegExp(`^✓ removed cron job ${JOB_NAME} \\([0-9a-f-]{36}\\) through the gateway$`, 'm'))
      assert.deepEqual(await list(), [other])
      const again = await install(['--uninstall'])
      assert.match(again.stdout, /no cron job model-cooldown-autoswitch through the gateway; nothing to remove/)
    })

    test('no token in any output', { skip }, () => {
      const leak = findTokenLeak(w.sb.output.join('\n'), [w.gw!.token, ANTHROPIC_KEY])
      assert.equal(leak, undefined, leak)
    })
  })
}

if (eras.includes('current')) {
  describe('install-cron on OpenClaw current (2026.9.6: command payload, declaration key)', async () => {
    const skip = await probeOpenclaw('current')
    const w = useWorld('current', skip)
    const install = (args: string[], env: NodeJS.ProcessEnv = w.gw!.env) => w.sb.run('install-cron', args, { env: { ...w.oc.env, ...env } })
    const cron = async (args: string[]) => {
      const r = await runOpenclaw(w.oc, w.sb, ['cron', ...args], w.gw!.env)
      assert.equal(r.code, 0, r.stdout + r.stderr)
      return r.json()
    }
    const list = async (): Promise<Job[]> => (await cron(['list', '--all', '--json'])).jobs
    const ours = async () => (await list()).filter((j) => j.name === JOB_NAME || j.declarationKey === JOB_NAME)
    let other: Job
    let jobId: string

    test('no gateway: exit 1 naming how to start one, nothing written', { skip, timeout: 120_000 }, async () => {
      const before = await w.sb.snapshot(w.sb.stateDir)
      const r = await install([], await resolveNoGatewayEnv())
      assert.equal(r.code, 1)
      assert.match(r.stderr, /^✗ OpenClaw 2026\.9\.6 keeps cron jobs in its state database, which only the gateway changes, and no gateway answered \(Gateway not reachable at ws:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)\.\); start it \(openclaw gateway run, or openclaw gateway start for the installed service\), then run install-cron again$/m)
      assert.deepEqual(await w.sb.snapshot(w.sb.stateDir), before)
    })

    test('install twice leaves one command job; a stray copy without the declaration key goes', { skip, timeout: 240_000 }, async (t) => {
      w.gw = await timed(t, 'gateway start', () => startGateway(w.oc, w.sb))
      other = await timed(t, 'cron add (other job)', () => cron(['add', '--name', 'other', '--every', '1h', '--command-argv', '["/bin/true"]', '--no-deliver', '--json']))
      // What an upgrade from 2026.2 leaves: our old agentTurn job, imported without a declaration key.
      const stray = (await cron(['add', '--name', JOB_NAME, '--every', '10m', '--session', 'isolated', '--message', 'old', '--no-deliver', '--json'])).id as string

      const started = Math.floor(Date.now() / 1000) * 1000
      const first = await timed(t, 'install-cron (build + cron list + cron add --declaration-key + cron rm)', () => install([]))
      assert.equal(first.code, 0, first.stderr)
      assert.ok((await stat(resolveBundlePath())).mtimeMs >= started, 'install-cron built the bundle the job runs')
      assert.match(first.stdout, new RegExp(`^✓ installed cron job ${JOB_NAME} \\(([0-9a-f-]{36})\\) through the gateway: a command job every 10m, no delivery$`, 'm'))
      assert.match(first.stdout, new RegExp(`removed stray copies: ${stray}`))
      const second = await timed(t, 'install-cron again (unchanged)', () => install([]))
      assert.equal(second.code, 0, second.stderr)
      assert.match(second.stdout, /is already installed through the gateway as a command job every 10m, no delivery; nothing to change/)

      const mine = await ours()
      assert.equal(mine.length, 1)
      const [job] = mine
      jobId = job!.id
      assert.equal(job!.declarationKey, JOB_NAME)
      assert.equal(job!.sessionTarget, 'isolated')
      assert.equal(job!.schedule.everyMs, 600_000)
      assert.equal(job!.delivery?.mode, 'none')
      assert.deepEqual(job!.payload.argv, [...resolveExpectedRunner(w.oc), SCRIPT])
      assert.deepEqual(job!.payload.env, { OPENCLAW_STATE_DIR: w.sb.stateDir, OPENCLAW_CONFIG_PATH: join(w.sb.stateDir, 'openclaw.json'), OPENCLAW_BIN: w.oc.openclaw })
      assert.deepEqual((await list()).find((j) => j.id === other.id)?.payload, other.payload)
    })

    test('a job the user disabled is enabled again; --every and --announce update it in place', { skip, timeout: 180_000 }, async () => {
      await cron(['disable', jobId, '--json'])
      const r = await install(['--every', '15m', '--announce'])
      assert.equal(r.code, 0, r.stderr)
      assert.match(r.stdout, new RegExp(`^✓ updated cron job ${JOB_NAME} \\(${jobId}\\) through the gateway: a command job every 15m, announcing to the last chat$`, 'm'))
      // The sandbox has no chat channel: OpenClaw says so, and we pass it on.
      assert.match(r.stderr, /^! --announce has nowhere to post yet: /m)
      const [job] = await ours()
      assert.deepEqual([job!.id, job!.enabled, job!.schedule.everyMs, job!.delivery?.mode], [jobId, true, 900_000, 'announce'])
      const back = await install([])
      assert.equal(back.code, 0, back.stderr)
      assert.match(back.stdout, /^✓ updated cron job .* every 10m, no delivery$/m)
    })

    // Needs tasks/check-and-switch.ts; it fails (never skips) while that is missing or broken.
    test('`openclaw cron run` executes check-and-switch, which moves the session and records its state', { skip, timeout: 240_000 }, async (t) => {
      await access(SCRIPT)
      const run = await timed(t, 'cron run --wait (check-and-switch)', () => runOpenclaw(w.oc, w.sb, ['cron', 'run', jobId, '--wait', '--wait-timeout', '3m', '--json'], w.gw!.env))
      assert.equal(run.code, 0, run.stdout + run.stderr)
      const done = run.json()
      assert.equal(done.status, 'ok', JSON.stringify(done.run ?? done))
      assert.equal(done.completionStatus, 'succeeded', JSON.stringify(done.run ?? done))
      assert.match(done.run?.summary ?? '', /model switched: \(none\) → anthropic\/claude-opus-4-6/)
      const sessions = await runOpenclaw(w.oc, w.sb, ['gateway', 'call', 'sessions.list', '--params', '{}', '--json'], w.gw!.env)
      assert.equal(sessions.code, 0, sessions.stderr)
      assert.ok((sessions.json().sessions as Array<{ key: string }>).some((s) => s.key === 'agent:main:main'), 'check-and-switch patched agent:main:main')
      await access(join(w.sb.stateDir, 'workspace', 'memory', 'model-switch-state.json'))
    })

    test("ops's job sits beside main's; its run checks ops and moves agent:ops:main; uninstalling it leaves main's", { skip, timeout: 300_000 }, async (t) => {
      const r = await timed(t, 'install-cron --agent ops', () => install(['--agent', 'ops']))
      assert.equal(r.code, 0, r.stderr)
      assert.match(r.stdout, new RegExp(`^✓ installed cron job ${OPS_JOB} \\(([0-9a-f-]{36})\\) through the gateway: a command job every 10m, no delivery$`, 'm'))
      const jobs = await list()
      const ops = jobs.find((j) => j.declarationKey === OPS_JOB)
      assert.deepEqual([ops?.name, ops?.agentId, ops?.payload.argv], [OPS_JOB, 'ops', [...resolveExpectedRunner(w.oc), SCRIPT, '--agent', 'ops']])
      assert.deepEqual((await ours()).map((j) => j.id), [jobId], "main's job is still the one it was")

      const run = await timed(t, 'cron run --wait (check-and-switch --agent ops)', () => runOpenclaw(w.oc, w.sb, ['cron', 'run', ops!.id, '--wait', '--wait-timeout', '3m', '--json'], w.gw!.env))
      assert.equal(run.code, 0, run.stdout + run.stderr)
      const done = run.json()
      assert.equal(done.completionStatus, 'succeeded', JSON.stringify(done.run ?? done))
      assert.match(done.run?.summary ?? '', /model switched: \(none\) → anthropic\/claude-opus-4-6 \(session agent:ops:main\)/)
      await access(join(w.sb.stateDir, 'workspace', 'memory', 'model-switch-state.ops.json'))

      const gone = await install(['--uninstall', '--agent', 'ops'])
      assert.equal(gone.code, 0, gone.stderr)
      assert.match(gone.stdout, new RegExp(`^✓ removed cron job ${OPS_JOB} \\(${ops!.id}\\) through the gateway$`, 'm'))
      assert.ok(!(await list()).some((j) => j.id === ops!.id))
      assert.deepEqual((await ours()).map((j) => j.id), [jobId])
    })

    test('uninstall removes ours and nothing else', { skip, timeout: 120_000 }, async (t) => {
      const r = await timed(t, 'install-cron --uninstall (cron list + cron rm)', () => install(['--uninstall']))
      assert.equal(r.code, 0, r.stderr)
      assert.match(r.stdout, new RegExp(`^✓ removed cron job ${JOB_NAME} \\(${jobId}\\) through the gateway$`, 'm'))
      assert.deepEqual(await ours(), [])
      assert.ok((await list()).some((j) => j.id === other.id))
      const again = await install(['--uninstall'])
      assert.match(again.stdout, /nothing to remove/)
    })

    test('no token in any output', { skip }, () => {
      const leak = findTokenLeak(w.sb.output.join('\n'), [w.gw!.token, ANTHROPIC_KEY])
      assert.equal(leak, undefined, leak)
    })
  })
}
