// doctor end to end on a sandbox JSON store, no OpenClaw (--openclaw-version 2026.2.22): a setup made
// by add-profile and render-config is free of failures; faults planted on real files are found, the
// exit code follows, nothing is changed, and no token reaches the output.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdir, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { BACKUP_DIR } from '../lib/files.ts'
import { createSandbox, findTokenLeak, type Sandbox } from './support/sandbox.ts'
import { codexAuthJson, makeTokens } from './support/jwt.ts'
import { startCodexBackend, type CodexBackend } from '../sandbox/codex-backend.ts'

const LEGACY = ['--openclaw-version', '2026.2.22']

interface Check { id: string; level: 'ok' | 'warn' | 'fail'; message: string; fix?: string }

/** The pid of a process that has exited: a lock holder that is certainly gone. */
async function resolveDeadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' })
  await new Promise((r) => child.on('close', r))
  return child.pid!
}

describe('doctor (JSON store, no OpenClaw)', () => {
  let sb: Sandbox
  let backend: CodexBackend
  const tokens: string[] = []
  let alice: Awaited<ReturnType<typeof makeTokens>>
  const agentDir = () => join(sb.stateDir, 'agents', 'main', 'agent')
  const doctor = async () => {
    const r = await sb.run('doctor', ['--json', ...LEGACY])
    const checks = JSON.parse(r.stdout).checks as Check[]
    return { ...r, checks, level: (id: string) => checks.find((c) => c.id === id)?.level }
  }

  before(async () => {
    // The usage endpoint for the usage check: both accounts with room.
    backend = await startCodexBackend({ accounts: [{ accountId: 'acct-alice' }, { accountId: 'acct-bob' }] })
    sb = await createSandbox({ CHATGPT_BASE_URL: backend.baseUrl })
    for (const [name, accountId] of [['alice', 'acct-alice'], ['bob', 'acct-bob']]) {
      const t = await makeTokens({ accountId, email: `${name}@example.com` })
      if (name === 'alice') alice = t
      tokens.push(t.access, t.refresh, t.idToken)
      const from = join(sb.tmp, `${name}.json`)
      await writeFile(from, codexAuthJson(t, accountId))
      const r = await sb.run('add-profile', [name, '--from', from, '--yes', ...LEGACY])
      assert.equal(r.code, 0, r.stderr)
    }
    const r = await sb.run('render-config', ['--write', ...LEGACY])
    assert.equal(r.code, 0, r.stderr)
  })
  after(async () => {
    await backend?.close()
    await sb?.cleanup()
  })

  test('a fresh setup: exit 0, no failure, only the missing cron job to warn about', async () => {
    const r = await doctor()
    assert.equal(r.code, 0, r.stderr)
    assert.deepEqual(r.checks.filter((c) => c.level !== 'ok').map((c) => `${c.id} ${c.level}`), ['cron-job warn'])
    assert.match(r.stderr, /OpenClaw 2026\.2\.22 \(from --openclaw-version\): auth-profiles\.json /)
    const human = await sb.run('doctor', LEGACY)
    assert.equal(human.code, 0, human.stderr)
    assert.match(human.stdout, /^! warn cron-job +no cron job model-cooldown-autoswitch in jobs\.json.*\n +fix: npm run install-cron$/m)
    assert.match(human.stdout, /^doctor: 16 ok, 1 warn, 0 fail \(nothing broken\)$/m)
    assert.match(human.stdout, /^✓ ok +usage +usage read for 2 of 2 Codex accounts; none is out for the week, every login is accepted$/m)
  })

  test('planted faults on real files are found, exit 1, and doctor changes nothing', async () => {
    const dead = await resolveDeadPid()
    const lock = join(agentDir(), 'auth-profiles.json.lock')
    await writeFile(lock, JSON.stringify({ pid: dead, createdAt: new Date().toISOString() }))
    const temp = join(sb.stateDir, `.openclaw.json.caf-tmp-${dead}-0a1b2c3d`)
    await writeFile(temp, '{"half": ')
    const backups = join(sb.stateDir, BACKUP_DIR)
    await mkdir(backups, { recursive: true })
    for (let i = 10; i < 22; i++) await writeFile(join(backups, `openclaw.json.2026-01-${i}T00-00-00-000Z`), '{}')
    // The user's own codex CLI still holds the login alice was imported from.
    await writeFile(join(sb.codexHome, 'auth.json'), codexAuthJson(alice, 'acct-alice'))
    const before = await sb.snapshot(sb.root)

    const r = await doctor()
    assert.equal(r.code, 1, r.stderr)
    const bad = Object.fromEntries(r.checks.filter((c) => c.level !== 'ok').map((c) => [c.id, c]))
    assert.deepEqual(Object.keys(bad).sort(), ['backups', 'codex-cli-login', 'cron-job', 'stale-locks', 'temp-files'])
    assert.equal(bad['codex-cli-login']!.level, 'fail')
    assert.match(bad['codex-cli-login']!.message, /holds the same refresh token as openai-codex:alice \(alice@example\.com\)/)
    assert.equal(bad['codex-cli-login']!.fix, 'npm run add-profile -- alice --replace')
    assert.equal(bad['stale-locks']!.fix, `rm -- ${lock}`)
    assert.equal(bad['temp-files']!.fix, `rm -- ${temp}`)
    assert.match(bad.backups!.message, /12 of .*openclaw\.json; the 2 oldest/)
    assert.equal(bad.backups!.fix, `rm -- ${join(backups, 'openclaw.json.2026-01-10T00-00-00-000Z')} ${join(backups, 'openclaw.json.2026-01-11T00-00-00-000Z')}`)
    assert.deepEqual(await sb.snapshot(sb.root), before, 'doctor wrote nothing')

    const human = await sb.run('doctor', LEGACY)
    assert.equal(human.code, 1)
    assert.match(human.stdout, /^✗ fail codex-cli-login /m)
    assert.match(human.stdout, /^doctor: 12 ok, 4 warn, 1 fail$/m)
  })

  test('an unreadable store is a failed check, not a crash', async () => {
    const store = join(agentDir(), 'auth-profiles.json')
    const { readFile } = await import('node:fs/promises')
    const text = await readFile(store, 'utf8')
    await writeFile(store, '{"version":1,')
    try {
      const r = await doctor()
      assert.equal(r.code, 1, r.stderr)
      assert.match(r.checks.find((c) => c.id === 'store')!.message, /auth-profiles\.json: is not valid JSON/)
      assert.equal(r.level('login'), undefined, 'checks that need the profiles do not run')
    } finally {
      await writeFile(store, text)
    }
  })

  test('a temp file of a live writer is not reported', async () => {
    const live = join(sb.stateDir, `.openclaw.json.caf-tmp-${process.pid}-00000000`)
    await writeFile(live, '')
    await utimes(live, new Date(0), new Date(0))
    const r = await doctor()
    assert.doesNotMatch(r.checks.find((c) => c.id === 'temp-files')!.message, new RegExp(`caf-tmp-${process.pid}-`))
  })

  test('no token, nor a piece of one, in any output', () => {
    const leak = findTokenLeak(sb.output.join('\n'), tokens)
    assert.equal(leak, undefined, leak)
  })
})
