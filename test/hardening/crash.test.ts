// kill -9 our writer at random moments (seeded; the seed is printed: CAF_CRASH_SEED=N reruns it)
// during add-profile, render-config --write and install-cron's jobs.json edit. Afterwards every file
// parses and is the old content or the new, never a mix; the dead writer's lock is taken over by
// the next run; no temp file of ours survives the next successful run.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { createSandbox, ROOT, type Sandbox } from '../support/sandbox.ts'
import { codexAuthJson, makeTokens } from '../support/jwt.ts'

const RUNS = Number(process.env.CAF_CRASH_RUNS ?? 70) // per target; three targets
const SEED = Number(process.env.CAF_CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31))

function mulberry32(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

interface Target {
  name: string
  args: string[]
  /** The file whose integrity is checked. */
  file: (sb: Sandbox) => string
  /** Is text the complete new content? (old content is checked byte for byte) */
  isNew?: (text: string) => boolean
}

const LEGACY = ['--openclaw-version', '2026.2.22']
const targets: Target[] = [
  { name: 'add-profile', args: ['crash', '--from', 'AUTH', '--replace', '--yes', ...LEGACY], file: (sb) => join(sb.stateDir, 'agents/main/agent/auth-profiles.json') },
  { name: 'render-config', args: ['--write', ...LEGACY], file: (sb) => join(sb.stateDir, 'openclaw.json') },
  {
    name: 'install-cron', args: [...LEGACY], file: (sb) => join(sb.stateDir, 'cron/jobs.json'),
    isNew: (text) => {
      const jobs = JSON.parse(text).jobs as Array<{ name: string }>
      return jobs.length === 2 && jobs[0]!.name === 'someone-elses-job' && jobs[1]!.name === 'model-cooldown-autoswitch'
    },
  },
]

describe(`kill -9 at random moments (seed ${SEED}, ${RUNS} runs per target)`, () => {
  let sb: Sandbox
  let pristine: string
  const random = mulberry32(SEED)

  before(async () => {
    sb = await createSandbox()
    const auth = join(sb.root, 'auth.json')
    await writeFile(auth, codexAuthJson(await makeTokens({ accountId: 'acct-crash', email: 'crash@example.com' }), 'acct-crash'))
    for (const t of targets) t.args = t.args.map((a) => (a === 'AUTH' ? auth : a))
    // Old content: a store with one profile, a config with a comment-free object, a jobs.json with someone else's job.
    const agent = join(sb.stateDir, 'agents/main/agent')
    await mkdir(agent, { recursive: true, mode: 0o700 })
    const t = await makeTokens({ accountId: 'acct-old', email: 'old@example.com' })
    await writeFile(join(agent, 'auth-profiles.json'), `${JSON.stringify({ version: 1, profiles: { 'openai-codex:old': { type: 'oauth', provider: 'openai-codex', access: t.access, refresh: t.refresh, expires: Date.now() + 3_600_000, accountId: 'acct-old', email: 'old@example.com' } }, order: { 'openai-codex': ['openai-codex:old'] } }, null, 2)}\n`)
    await writeFile(join(sb.stateDir, 'openclaw.json'), '{"gateway":{"mode":"local"}}\n')
    await mkdir(join(sb.stateDir, 'cron'), { recursive: true })
    await writeFile(join(sb.stateDir, 'cron/jobs.json'), `${JSON.stringify({ version: 1, jobs: [{ id: 'x', name: 'someone-elses-job', enabled: true, schedule: { kind: 'every', everyMs: 60000 }, payload: { kind: 'agentTurn', message: 'hi' } }] }, null, 2)}\n`)
    pristine = join(sb.root, 'pristine')
    await cp(sb.stateDir, pristine, { recursive: true })
  })
  after(() => sb.cleanup())

  const run = (t: Target, killAfterMs?: number) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'tasks', `${t.name}.ts`), ...t.args], { cwd: ROOT, env: sb.env, stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (d) => (stderr += d))
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs)
    return new Promise<{ code: number | null; signal: string | null; stderr: string }>((resolve) => child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolve({ code, signal, stderr })
    }))
  }

  for (const t of targets) {
    test(t.name, { timeout: 900_000 }, async (ctx) => {
      const path = t.file(sb)
      const old = await readFile(join(pristine, path.slice(sb.stateDir.length + 1)), 'utf8')
      // The new content, from one clean run on the pristine state.
      await rm(sb.stateDir, { recursive: true, force: true })
      await cp(pristine, sb.stateDir, { recursive: true })
      const started = Date.now()
      const clean = await run(t)
      const duration = Date.now() - started
      assert.equal(clean.code, 0, clean.stderr)
      const fresh = await readFile(path, 'utf8')
      const isNew = t.isNew ?? ((text: string) => text === fresh)
      assert.ok(isNew(fresh))

      const seen = { old: 0, new: 0, killed: 0 }
      for (let i = 0; i < RUNS; i++) {
        await writeFile(path, old) // back to the old content; the last victim's lock and temp files stay
        // anywhere in a run's life, start-up included: uniform over 1.1 x a clean run's duration
        const r = await run(t, Math.floor(random() * duration * 1.1))
        if (r.signal === 'SIGKILL') seen.killed++
        const text = await readFile(path, 'utf8')
        assert.doesNotThrow(() => JSON.parse(text), `run ${i}: ${t.name} left a file that does not parse`)
        if (text === old) seen.old++
        else if (isNew(text)) seen.new++
        else assert.fail(`run ${i} (killed: ${r.signal === 'SIGKILL'}): neither the old nor the new content`)
        if (r.signal !== 'SIGKILL') assert.equal(r.code, 0, r.stderr)
      }
      // The next successful run takes over any dead writer's lock and leaves no temp file of ours.
      await writeFile(path, old)
      const last = await run(t)
      assert.equal(last.code, 0, last.stderr)
      assert.ok(isNew(await readFile(path, 'utf8')))
      const dir = join(path, '..')
      const leftovers = (await readdir(dir)).filter((n) => n.includes('.caf-tmp-') || n.endsWith('.lock'))
      assert.deepEqual(leftovers, [])
      ctx.diagnostic(`${t.name}: ${RUNS} runs, ${seen.killed} killed mid-run, ${seen.old} left old content, ${seen.new} new, 0 mixed (seed ${SEED})`)
    })
  }
})
