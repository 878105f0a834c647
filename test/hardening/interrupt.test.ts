// Ctrl-C and SIGTERM while codex waits for the device code to be entered: a non-zero exit, the
// private CODEX_HOME removed, the store, the config and the user's own codex login byte-identical.
import assert from 'node:assert/strict'
import { readdirSync } from 'node:fs'
import { mkdir, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { LOGIN_HOME_PREFIX } from '../../lib/codex-login.ts'
import { startOAuthServer, type OAuthServer } from '../support/oauth-server.ts'
import { createSandbox, type Sandbox } from '../support/sandbox.ts'

describe('interrupted login', () => {
  let server: OAuthServer
  let sb: Sandbox
  before(async () => {
    server = await startOAuthServer({ pendingPolls: 1_000_000 }) // the code is never entered
    sb = await createSandbox()
    await mkdir(join(sb.stateDir, 'agents/main/agent'), { recursive: true })
    await writeFile(join(sb.stateDir, 'agents/main/agent/auth-profiles.json'), '{"version":1,"profiles":{}}\n')
    await writeFile(join(sb.stateDir, 'openclaw.json'), '{ /* mine */ agents: {} }\n')
  })
  after(async () => {
    await server.close()
    await sb.cleanup()
  })

  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    test(`${signal} while waiting: exit ${code}, nothing left, nothing changed`, async (t) => {
      server.queue({ email: 'x@example.com', accountId: 'acct-x' })
      const before = { state: await sb.snapshot(sb.stateDir), home: await sb.snapshot(sb.home) }
      let homesWhileWaiting = 0
      const polls = server.requests.filter((r) => r === 'POST /api/accounts/deviceauth/token').length
      const r = await sb.run('add-profile', ['waiter', '--issuer', server.issuer, '--yes', '--openclaw-version', '2026.2.22'], {
        onSpawn: (child) => {
          // Once codex polls for the code to be entered, it is waiting: signal then.
          const timer = setInterval(() => {
            if (server.requests.filter((q) => q === 'POST /api/accounts/deviceauth/token').length === polls) return
            clearInterval(timer)
            homesWhileWaiting = readdirSync(sb.tmp).filter((n) => n.startsWith(LOGIN_HOME_PREFIX)).length
            child.kill(signal)
          }, 20)
          child.on('close', () => clearInterval(timer))
        },
      })
      assert.equal(homesWhileWaiting, 1)
      assert.equal(r.code, code, r.stderr)
      assert.match(r.stderr, new RegExp(`interrupted by ${signal}; nothing was written`))
      assert.deepEqual((await readdir(sb.tmp)).filter((n) => n.startsWith(LOGIN_HOME_PREFIX)), [])
      assert.deepEqual(await sb.snapshot(sb.stateDir), before.state)
      assert.deepEqual(await sb.snapshot(sb.home), before.home)
      t.diagnostic(`${signal}: exit ${r.code}, private home removed, store, config and ~/.codex unchanged`)
    })
  }
})
