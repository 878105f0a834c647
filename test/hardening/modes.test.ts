// Every file this tool creates is 0600 and every directory 0700, whatever the umask (022 and 000):
// the store, its backups, the config, the cron jobs file and the check-and-switch state.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { readdir, stat, writeFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { describe, test } from 'node:test'
import { createSandbox, ROOT, type Sandbox } from '../support/sandbox.ts'
import { codexAuthJson, makeTokens } from '../support/jwt.ts'
import { redateStatusFixture } from '../support/fixtures.ts'

const LEGACY = ['--openclaw-version', '2026.2.22']

function runWithUmask(sb: Sandbox, umask: string, task: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const argv = [process.execPath, '--import', 'tsx', join(ROOT, 'tasks', `${task}.ts`), ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ')
  const child = spawn('sh', ['-c', `umask ${umask} && exec ${argv}`], { cwd: ROOT, env: { ...sb.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let stderr = ''
  child.stderr.on('data', (d) => (stderr += d))
  return new Promise<{ code: number | null; stderr: string }>((r) => child.on('close', (code) => r({ code, stderr })))
}

async function walk(dir: string, out: Array<{ path: string; mode: number; dir: boolean }> = []) {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name)
    out.push({ path: p, mode: (await stat(p)).mode & 0o777, dir: e.isDirectory() })
    if (e.isDirectory()) await walk(p, out)
  }
  return out
}

describe('file modes', () => {
  for (const umask of ['022', '000']) {
    test(`umask ${umask}: files 0600, directories 0700`, async (t) => {
      const sb = await createSandbox()
      try {
        const auth = join(sb.root, 'auth.json')
        await writeFile(auth, codexAuthJson(await makeTokens({ accountId: 'acct-m', email: 'm@example.com' }), 'acct-m'))
        // A new login of the same account: the same tokens again would be no change, and so no write.
        const again = join(sb.root, 'auth-again.json')
        await writeFile(again, codexAuthJson(await makeTokens({ accountId: 'acct-m', email: 'm@example.com' }), 'acct-m'))
        const status = join(sb.root, 'status.json')
        await writeFile(status, redateStatusFixture('legacy-alice-cooling'))
        const fake = { OPENCLAW_BIN: join(ROOT, 'test/support/fake-openclaw.mjs'), FAKE_STATUS: status, FAKE_LOG: join(sb.root, 'calls.log') }
        const steps: Array<[string, string[], NodeJS.ProcessEnv?]> = [
          ['add-profile', ['m', '--from', auth, '--yes', ...LEGACY]],
          ['add-profile', ['m', '--from', again, '--yes', '--replace', ...LEGACY]], // a second write makes a backup
          ['render-config', ['--write', ...LEGACY]],
          ['render-config', ['--write', '--fallback', 'openai-codex/gpt-5.2', ...LEGACY]],
          ['install-cron', [...LEGACY]],
          ['install-cron', ['--every', '15m', ...LEGACY]],
          ['check-and-switch', [], fake],
        ]
        for (const [task, args, env] of steps) {
          const r = await runWithUmask(sb, umask, task, args, env)
          assert.equal(r.code, 0, `${task}: ${r.stderr}`)
        }
        const entries = await walk(sb.stateDir)
        const wrong = entries.filter((e) => e.mode !== (e.dir ? 0o700 : 0o600)).map((e) => `${relative(sb.stateDir, e.path)} ${e.mode.toString(8)}`)
        assert.deepEqual(wrong, [])
        for (const want of ['agents/main/agent/auth-profiles.json', 'openclaw.json', 'cron/jobs.json', 'workspace/memory/model-switch-state.json']) {
          assert.ok(entries.some((e) => relative(sb.stateDir, e.path) === want), `${want} was written`)
        }
        assert.ok(entries.filter((e) => e.path.includes('.codex-auth-fallback-backups/')).length >= 3, 'backups were made')
        t.diagnostic(`umask ${umask}: ${entries.filter((e) => !e.dir).length} files 0600, ${entries.filter((e) => e.dir).length} directories 0700`)
      } finally {
        await sb.cleanup()
      }
    })
  }
})
