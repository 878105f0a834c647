// Ctrl-C and SIGTERM at three points, on both pinned releases: add-profile just after the login,
// render-config --write while OpenClaw validates, install-cron during its cron call. Each time the
// task stops the OpenClaw process it started, exits 130/143, and leaves every file as it was or
// fully written (never half): no temp file, no lock, no private CODEX_HOME left.
import assert from 'node:assert/strict'
import type { ChildProcess } from 'node:child_process'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { after, before, describe, test, type TestContext } from 'node:test'
import { LOGIN_HOME_PREFIX } from '../../lib/codex-login.ts'
import { TEMP_MARK } from '../../lib/files.ts'
import { startOAuthServer, type OAuthServer } from '../support/oauth-server.ts'
import { createSandbox, ROOT, type Sandbox } from '../support/sandbox.ts'
import { freePort } from '../../sandbox/gateway.ts'
import { probeOpenclaw, requireOpenclaw, runOpenclaw, type Era, type OpenclawInstall } from '../support/tools.ts'

const EXIT = { SIGINT: 130, SIGTERM: 143 } as const

for (const era of ['legacy', 'current'] as const satisfies readonly Era[]) {
  describe(`signals on OpenClaw ${era}`, async () => {
    const skip = await probeOpenclaw(era)
    let sb: Sandbox
    let oc: OpenclawInstall
    let server: OAuthServer
    let env: NodeJS.ProcessEnv
    let marks: string
    const provider = era === 'legacy' ? 'openai-codex' : 'openai'

    before(async () => {
      if (skip) return
      server = await startOAuthServer()
      sb = await createSandbox()
      oc = (await requireOpenclaw(era, sb)) as OpenclawInstall
      marks = join(sb.root, 'openclaw-marks.log')
      env = {
        ...oc.env,
        NODE_OPTIONS: `${oc.env.NODE_OPTIONS} --import=${join(ROOT, 'test/support/mark-openclaw.mjs')}`,
        CAF_TEST_MARKS: marks,
        // A port nothing listens on: never the default, which another gateway on this machine may hold.
        OPENCLAW_GATEWAY_PORT: String(await freePort()),
        OPENCLAW_GATEWAY_TOKEN: 'no-gateway-listens-here-000000',
      }
      server.queue({ email: 'alice@example.com', accountId: 'acct-alice' })
      const first = await sb.run('add-profile', ['alice', '--issuer', server.issuer, '--yes'], { env })
      assert.equal(first.code, 0, first.stderr)
      const render = await sb.run('render-config', ['--write'], { env })
      assert.equal(render.code, 0, render.stderr)
    })
    after(async () => {
      await server?.close()
      await sb?.cleanup()
    })

    // Every file of the state dir but OpenClaw's own databases, whose -shm/-wal files change when
    // they are only read (the store inside is compared as OpenClaw reads it), and the auth.json
    // 2026.2.22 writes for itself at every start.
    const files = async () => Object.fromEntries(Object.entries(await sb.snapshot(sb.stateDir)).filter(([p]) => !/\.sqlite(-shm|-wal)?$|\/auth\.json$/.test(p)))

    /** The OpenClaw processes started since `from` lines of the marks file: [pid, what]. */
    const readMarks = async (from = 0) => (await readFile(marks, 'utf8').catch(() => '')).split('\n').filter(Boolean).slice(from)
      .map((l) => [Number(l.split(' ')[0]), l.slice(l.indexOf(' ') + 1)] as const)
    const isAlive = (pid: number) => { try { process.kill(pid, 0); return true } catch { return false } }
    const leftovers = async () => {
      const found: string[] = []
      const walk = async (dir: string) => {
        for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
          const p = join(dir, e.name)
          if (e.isDirectory()) await walk(p)
          else if (e.name.includes(TEMP_MARK) || e.name.endsWith('.lock')) found.push(p)
        }
      }
      await walk(sb.stateDir)
      found.push(...(await readdir(sb.tmp)).filter((n) => n.startsWith(LOGIN_HOME_PREFIX)))
      return found
    }

    /**
     * Runs a task and sends it `signal` once `when` says so (it is asked again at each new mark and
     * each new request the OAuth server sees); returns the result and the OpenClaw processes it ran.
     */
    async function interrupt(t: TestContext, task: string, args: string[], signal: keyof typeof EXIT, when: (seen: string[], requests: string[]) => boolean) {
      const from = (await readMarks()).length
      let child!: ChildProcess
      const run = sb.run(task, args, { env, onSpawn: (c) => { child = c } })
      let sent = false
      let done = false
      void run.then(() => { done = true })
      while (!done && !sent) {
        if (when((await readMarks(from)).map(([, what]) => what), server.requests)) {
          child.kill(signal)
          sent = true
        } else await new Promise((r) => setTimeout(r, 10))
      }
      const r = await run
      assert.ok(sent, `${task} finished before the moment came: ${r.stderr}`)
      const started = await readMarks(from)
      t.diagnostic(`${task}: ${signal} after ${started.map(([, w]) => w.split(' ').slice(0, 3).join(' ')).join(' | ') || 'no OpenClaw call'}; exit ${r.code}`)
      return { ...r, started }
    }

    const assertStopped = async (r: Awaited<ReturnType<typeof interrupt>>, signal: keyof typeof EXIT) => {
      assert.equal(r.code, EXIT[signal], r.stderr)
      assert.match(r.stderr, new RegExp(`^✗ interrupted by ${signal}; (nothing was written|written in full before it: .*; nothing else was changed)$`, 'm'))
      assert.deepEqual(r.started.filter(([pid]) => isAlive(pid)), [], 'every OpenClaw process it started is gone')
      assert.deepEqual(await leftovers(), [], 'no temp file, lock or login home left')
    }

    test('add-profile, signalled once the login has its tokens: stops, and the store is as it was or holds bob whole', { skip, timeout: 240_000 }, async (t) => {
      server.queue({ email: 'bob@example.com', accountId: 'acct-bob' })
      const before = await files()
      const tokensAt = server.requests.length
      const r = await interrupt(t, 'add-profile', ['bob', '--issuer', server.issuer, '--yes'], 'SIGTERM',
        (_, requests) => requests.slice(tokensAt).includes('POST /oauth/token'))
      await assertStopped(r, 'SIGTERM')
      const nothing = /nothing was written/.test(r.stderr)
      if (nothing) assert.deepEqual(await files(), before, 'nothing was written: every file as it was')
      // The store as OpenClaw itself reads it: bob is there whole, or not at all.
      const list = await runOpenclaw(oc, sb, ['models', 'status', '--json'], env)
      assert.equal(list.code, 0, list.stderr)
      const bob = list.json().auth.oauth.profiles.find((p: { profileId: string }) => p.profileId === `${provider}:bob`)
      if (nothing) assert.equal(bob, undefined)
      else assert.equal(bob?.status, 'ok', `bob stored whole: ${JSON.stringify(bob)}`)
    })

    test('render-config --write, signalled while OpenClaw validates: stops it, openclaw.json byte-identical', { skip, timeout: 240_000 }, async (t) => {
      const before = await readFile(join(sb.stateDir, 'openclaw.json'))
      const r = await interrupt(t, 'render-config', ['--write', '--primary', `${era === 'legacy' ? 'openai-codex/gpt-5.3-codex' : 'openai/gpt-5.5'}`], 'SIGINT',
        (seen) => seen.some((w) => /^config (validate|get)/.test(w)))
      await assertStopped(r, 'SIGINT')
      assert.match(r.stderr, /nothing was written/)
      assert.deepEqual(await readFile(join(sb.stateDir, 'openclaw.json')), before)
    })

    test('install-cron, signalled during its cron call: stops it, exit 143, the cron store as it was', { skip, timeout: 240_000 }, async (t) => {
      const before = await files()
      const r = await interrupt(t, 'install-cron', [], 'SIGTERM', (seen) => seen.some((w) => w.startsWith('cron ')))
      await assertStopped(r, 'SIGTERM')
      if (/nothing was written/.test(r.stderr)) assert.deepEqual(await files(), before)
    })
  })
}
