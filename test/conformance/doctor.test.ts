// doctor against both pinned releases: a clean setup (two imports through the loopback OAuth server
// and the real codex CLI, render-config --write) has no failed check; a fault planted the way a user
// would make it is found; the cron job is found where install-cron put it, and a path it runs going
// missing is a failure. On 2026.9.6 OpenClaw's own doctor --fix is run to check the fix doctor names
// for a retired provider id, and the failed-refresh markers it leaves offline are read back.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { after, before, describe, test, type TestContext } from 'node:test'
import { JOB_NAME } from '../../lib/cron-job.ts'
import { resolveSdkPath } from '../../lib/openclaw/runtime.ts'
import { startOAuthServer, type OAuthServer } from '../support/oauth-server.ts'
import { createSandbox, findTokenLeak, type Sandbox } from '../support/sandbox.ts'
import { freePort, startGateway, type Gateway } from '../../sandbox/gateway.ts'
import { probeOpenclaw, readOpenclawLogs, requireOpenclaw, runOpenclaw, type Era, type OpenclawInstall } from '../support/tools.ts'

interface Check { id: string; level: 'ok' | 'warn' | 'fail'; message: string; fix?: string }

function useWorld(era: Era, skip: string | false) {
  const w = {} as { sb: Sandbox; oc: OpenclawInstall; server: OAuthServer; noGateway: NodeJS.ProcessEnv; gw?: Gateway }
  before(async () => {
    if (skip) return
    w.server = await startOAuthServer()
    w.sb = await createSandbox()
    w.oc = (await requireOpenclaw(era, w.sb)) as OpenclawInstall
    // A port nothing listens on: never the default 18789, which another gateway on this machine may own.
    w.noGateway = { OPENCLAW_GATEWAY_PORT: String(await freePort()), OPENCLAW_GATEWAY_TOKEN: 'no-gateway-listens-here-000000' }
  })
  after(async () => {
    await w.gw?.stop()
    await w.server?.close()
    await w.sb?.cleanup()
  })
  return w
}

async function setUp(w: ReturnType<typeof useWorld>, t: TestContext): Promise<void> {
  w.server.queue({ email: 'alice@example.com', accountId: 'acct-alice' }, { email: 'bob@example.com', accountId: 'acct-bob' })
  for (const name of ['alice', 'bob']) {
    const r = await w.sb.run('add-profile', [name, '--issuer', w.server.issuer, '--yes'], { env: { ...w.oc.env, ...w.noGateway } })
    assert.equal(r.code, 0, r.stderr)
  }
  const r = await w.sb.run('render-config', ['--write'], { env: { ...w.oc.env, ...w.noGateway } })
  assert.equal(r.code, 0, r.stderr)
  assert.match(r.stdout, /accepted by OpenClaw/)
  t.diagnostic('two imports and render-config --write done')
}

async function runDoctor(w: ReturnType<typeof useWorld>, t: TestContext, env: NodeJS.ProcessEnv) {
  const start = Date.now()
  const r = await w.sb.run('doctor', ['--json'], { env: { ...w.oc.env, ...env } })
  t.diagnostic(`doctor: ${Date.now() - start} ms`)
  const checks = (JSON.parse(r.stdout || '{"checks":[]}').checks ?? []) as Check[]
  return { ...r, checks, check: (id: string) => checks.find((c) => c.id === id) ?? assert.fail(`no ${id} check: ${r.stderr}`) }
}

/** Runs fn with openclaw.json changed by plant, then puts the file back as it was. */
async function withPlantedConfig(path: string, plant: (config: any) => void, fn: () => Promise<void>): Promise<void> {
  const text = await readFile(path, 'utf8')
  const config = JSON.parse(text)
  plant(config)
  await writeFile(path, JSON.stringify(config, null, 2))
  try {
    await fn()
  } finally {
    await writeFile(path, text)
  }
}

const PLANTED_REFRESH = 'rt_planted-by-the-test-0000000000000000'

/** A profile put into the state database through OpenClaw's own SDK, as an older tool or release left it. */
async function plantStoredProfile(w: ReturnType<typeof useWorld>, { profileId, provider }: { profileId: string; provider: string }): Promise<void> {
  const script = `import { pathToFileURL } from 'node:url'
const sdk = await import(pathToFileURL(process.argv[1]).href)
const [profileId, provider, refresh] = process.argv.slice(2)
const r = await sdk.upsertAuthProfileWithLock({ profileId, credential: { type: 'oauth', provider, access: 'planted-access-token-000000', refresh, expires: Date.now() + 3600e3, accountId: 'acct-old', email: 'old@example.com' } })
if (!r) process.exit(1)`
  const child = spawn(w.oc.node, ['--input-type=module', '-e', script, await resolveSdkPath(w.oc.packageDir), profileId, provider, PLANTED_REFRESH], { env: { ...w.sb.env, ...w.oc.env }, stdio: 'inherit' })
  assert.equal(await new Promise((r) => child.on('close', r)), 0, 'the SDK stored the planted profile')
}

/**
 * Env for an OpenClaw command that needs no config: offline, 2026.9.6 spends about 80 s per command
 * retrying plugin installs for the models the rendered config names. The store is the same.
 */
const withoutConfig = (w: ReturnType<typeof useWorld>) => ({ ...w.noGateway, OPENCLAW_CONFIG_PATH: join(w.sb.tmp, 'no-config.json') })

/** The real CLI leaves bob out of the store's order; doctor names the command that puts him back, and it does. */
async function leaveOutOfStoreOrder(w: ReturnType<typeof useWorld>, t: TestContext, provider: string): Promise<void> {
  const set = await runOpenclaw(w.oc, w.sb, ['models', 'auth', 'order', 'set', '--provider', provider, `${provider}:alice`], withoutConfig(w))
  assert.equal(set.code, 0, set.stderr)
  const r = await runDoctor(w, t, w.noGateway)
  assert.equal(r.code, 0, r.stderr)
  const fix = `openclaw models auth order set --provider ${provider} ${provider}:alice ${provider}:bob`
  assert.deepEqual(r.check('tried-order'), {
    id: 'tried-order', level: 'warn', fix,
    message: `OpenClaw never tries ${provider}:bob: the store's own order for ${provider} (which OpenClaw prefers to the config's) leaves it out`,
  })
  assert.equal(r.check('failover').level, 'warn')
  const applied = await runOpenclaw(w.oc, w.sb, fix.split(' ').slice(1), withoutConfig(w))
  assert.equal(applied.code, 0, applied.stderr)
  const after = await runDoctor(w, t, w.noGateway)
  assert.equal(after.check('tried-order').message, `OpenClaw tries ${provider}:alice, ${provider}:bob (the store's order)`)
}

const failures = (checks: Check[]) => checks.filter((c) => c.level === 'fail').map((c) => `${c.id}: ${c.message}`)

describe('doctor on OpenClaw legacy (2026.2.22, auth-profiles.json, jobs.json)', async () => {
  const skip = await probeOpenclaw('legacy')
  const w = useWorld('legacy', skip)
  const configPath = () => join(w.sb.stateDir, 'openclaw.json')

  test('a clean setup: exit 0, no failed check, and OpenClaw\'s own status agrees Codex can answer', { skip, timeout: 240_000 }, async (t) => {
    await setUp(w, t)
    const r = await runDoctor(w, t, w.noGateway)
    assert.equal(r.code, 0, r.stderr)
    assert.deepEqual(failures(r.checks), [])
    assert.match(r.stderr, /OpenClaw 2026\.2\.22 \(installed\): auth-profiles\.json /)
    assert.equal(r.check('codex-available').level, 'ok', r.check('codex-available').message)
    assert.equal(r.check('failover').message, '2 usable Codex profiles to fail over between')
    assert.match(r.check('cron-job').message, /^no cron job model-cooldown-autoswitch in jobs\.json/)
  })

  test('an openai-codex profile missing from auth.order is found', { skip, timeout: 120_000 }, async (t) => {
    await withPlantedConfig(configPath(), (c) => { c.auth.order['openai-codex'] = ['openai-codex:alice'] }, async () => {
      const r = await runDoctor(w, t, w.noGateway)
      assert.equal(r.code, 0, r.stderr)
      assert.deepEqual(r.check('config-order'), {
        id: 'config-order', level: 'warn', fix: 'npm run render-config -- --write',
        message: `${configPath()} is out of step with the store: in the store but not in auth.order.openai-codex: openai-codex:bob`,
      })
    })
  })

  test("a profile left out of the store's order is found, and the fix doctor names works", { skip, timeout: 120_000 }, (t) => leaveOutOfStoreOrder(w, t, 'openai-codex'))

  test('the job install-cron put in jobs.json is found; a path it runs gone missing fails', { skip, timeout: 120_000 }, async (t) => {
    const install = await w.sb.run('install-cron', [], { env: { ...w.oc.env, ...w.noGateway } })
    assert.equal(install.code, 0, install.stderr)
    const ok = await runDoctor(w, t, w.noGateway)
    assert.equal(ok.code, 0, ok.stderr)
    assert.match(ok.check('cron-job').message, new RegExp(`^cron job ${JOB_NAME} \\([0-9a-f-]{36}\\) in jobs\\.json is enabled and every path it runs exists$`))

    const jobsPath = join(w.sb.stateDir, 'cron', 'jobs.json')
    const jobs = await readFile(jobsPath, 'utf8')
    await writeFile(jobsPath, jobs.replace(/\/[^ '"\\]*\/bin\/check-and-switch\.mjs/g, '/moved/away/bin/check-and-switch.mjs'))
    const moved = await runDoctor(w, t, w.noGateway)
    assert.equal(moved.code, 1, moved.stderr)
    assert.deepEqual(failures(moved.checks), [`cron-job: cron job ${JOB_NAME} (${JSON.parse(jobs).jobs[0].id}) runs paths that no longer exist: script /moved/away/bin/check-and-switch.mjs; every run fails`])
    assert.equal(moved.check('cron-job').fix, 'npm run install-cron')
    await writeFile(jobsPath, jobs)
  })

  test("no token in doctor's output or OpenClaw's logs", { skip }, async () => {
    const leak = findTokenLeak(`${w.sb.output.join('\n')}\n${await readOpenclawLogs([join(w.sb.tmp, 'openclaw'), '/tmp/openclaw'])}`, w.server.issuedTokens)
    assert.equal(leak, undefined, leak)
  })
})

describe('doctor on OpenClaw current (2026.9.6, state database, cron through the gateway)', async () => {
  const skip = await probeOpenclaw('current')
  const w = useWorld('current', skip)
  const configPath = () => join(w.sb.stateDir, 'openclaw.json')

  test('a clean setup without a gateway: exit 0, no failed check, the cron job reported unseen', { skip, timeout: 300_000 }, async (t) => {
    await setUp(w, t)
    const r = await runDoctor(w, t, w.noGateway)
    assert.equal(r.code, 0, r.stderr)
    assert.deepEqual(failures(r.checks), [])
    assert.match(r.stderr, /OpenClaw 2026\.9\.6 \(installed\): state database /)
    // The pin that keeps OpenClaw from installing its codex runtime plugin from the network at every start.
    const models = JSON.parse(await readFile(configPath(), 'utf8')).agents.defaults.models
    assert.deepEqual(models['openai/gpt-5.5'].agentRuntime, { id: 'openclaw' })
    assert.equal(r.check('codex-available').level, 'ok', r.check('codex-available').message)
    assert.equal(r.check('login').level, 'ok')
    assert.deepEqual({ ...r.check('cron-job'), message: r.check('cron-job').message.replace(/ \(.*\)$/, '') }, {
      id: 'cron-job', level: 'warn', message: 'cannot see cron jobs without a running gateway', fix: 'openclaw gateway start, then npm run doctor again',
    })
  })

  test('auth.cooldowns, which the release rejects, is a failure', { skip, timeout: 120_000 }, async (t) => {
    await withPlantedConfig(configPath(), (c) => { c.auth.cooldowns = { billingBackoffHours: 5 } }, async () => {
      const validate = await runOpenclaw(w.oc, w.sb, ['config', 'validate', '--json'], w.noGateway)
      assert.equal(validate.code, 1, 'the release itself rejects the key')
      const r = await runDoctor(w, t, w.noGateway)
      assert.equal(r.code, 1, r.stderr)
      assert.ok(failures(r.checks).includes('auth-cooldowns: auth.cooldowns is a retired key: OpenClaw 2026.9.6 rejects a config that has it'), failures(r.checks).join('\n'))
      assert.equal(r.check('auth-cooldowns').fix, 'openclaw doctor --fix')
    })
  })

  test("a profile left out of the store's order is found, and the fix doctor names works", { skip, timeout: 120_000 }, (t) => leaveOutOfStoreOrder(w, t, 'openai'))

  test('with a gateway the installed job is found; a declared job running a missing path fails', { skip, timeout: 300_000 }, async (t) => {
    w.gw = await startGateway(w.oc, w.sb)
    const install = await w.sb.run('install-cron', [], { env: { ...w.oc.env, ...w.gw.env } })
    assert.equal(install.code, 0, install.stderr)
    const ok = await runDoctor(w, t, w.gw.env)
    assert.equal(ok.code, 0, ok.stderr)
    assert.match(ok.check('cron-job').message, new RegExp(`^cron job ${JOB_NAME} \\([0-9a-f-]{36}\\) in the gateway is enabled and every path it runs exists$`))

    // The same declaration from a checkout that has since been deleted.
    const gone = ['/gone/bin/node', '/gone/caf/bin/check-and-switch.mjs']
    const declared = await runOpenclaw(w.oc, w.sb, ['cron', 'add', '--name', JOB_NAME, '--every', '10m', '--session', 'isolated', '--command-argv', JSON.stringify(gone), '--declaration-key', JOB_NAME, '--no-deliver', '--json'], w.gw.env)
    assert.equal(declared.code, 0, declared.stdout + declared.stderr)
    const moved = await runDoctor(w, t, w.gw.env)
    assert.equal(moved.code, 1, moved.stderr)
    assert.match(moved.check('cron-job').message, /runs paths that no longer exist: node \/gone\/bin\/node, script \/gone\/caf\/bin\/check-and-switch\.mjs; every run fails$/)
  })

  // Last: OpenClaw's doctor --fix refreshes every token, which offline leaves each with its failed-refresh marker.
  test('an openai-codex profile in the store fails; openclaw doctor --fix renames it, and the refresh markers it leaves are found', { skip, timeout: 300_000 }, async (t) => {
    await w.gw?.stop()
    w.gw = undefined
    await plantStoredProfile(w, { profileId: 'openai-codex:old', provider: 'openai-codex' })
    const before = await runDoctor(w, t, w.noGateway)
    assert.equal(before.code, 1, before.stderr)
    assert.deepEqual(before.check('store-provider'), {
      id: 'store-provider', level: 'fail', fix: 'openclaw doctor --fix',
      message: 'openai-codex:old (old@example.com) use provider openai-codex, which this OpenClaw (openai generation) no longer reads as Codex: its requests find no usable profile ("all profiles in cooldown")',
    })
    const fix = await runOpenclaw(w.oc, w.sb, ['doctor', '--fix', '--non-interactive', '--yes'], withoutConfig(w))
    assert.equal(fix.code, 0, fix.stderr)
    const after = await runDoctor(w, t, w.noGateway)
    assert.equal(after.check('store-provider').level, 'ok')
    assert.match(after.check('login').message, /^a new login is needed: .*openai:old \(old@example\.com\) has a failed refresh recorded by OpenClaw/)
    assert.match(after.check('login').fix!, /npm run add-profile -- old --replace/)
    assert.equal(after.code, 1)
  })

  test("no token in doctor's output or OpenClaw's logs", { skip }, async () => {
    const leak = findTokenLeak(`${w.sb.output.join('\n')}\n${await readOpenclawLogs([join(w.sb.tmp, 'openclaw'), '/tmp/openclaw'])}`, [...w.server.issuedTokens, w.gw?.token ?? '', PLANTED_REFRESH].filter(Boolean))
    assert.equal(leak, undefined, leak)
  })
})
