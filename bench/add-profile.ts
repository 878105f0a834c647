// Section "addprofile": add-profile on the state database (2026.9.6) from the end of the login to
// the exit, today against the code before the one-bridge-process change, side by side in one run.
// The code before is checked out from git (BASELINE) beside this checkout and run on the same
// node_modules, the same OpenClaw and the same store. Each run signs in for real (the codex CLI,
// device flow, against the loopback OAuth server); the login ends when that server hands out the
// tokens, and the time from there to the process's exit is the part after the login.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, symlink } from 'node:fs/promises'
import { join } from 'node:path'
import { startOAuthServer } from '../sandbox/oauth-server.ts'
import { ROOT } from '../sandbox/sandbox.ts'
import { labelCall } from './database.ts'
import { interleave, measure, median, openclawCalls } from './measure.ts'
import { resolveSyntheticProfiles, writeSqliteStore } from './stores.ts'
import { formatTable, ms, type Cell } from './table.ts'
import type { World } from './world.ts'

/** The last commit whose add-profile spent three openclaw CLI calls after the SDK bridge (issue 14). */
export const BASELINE = '769811f'
const GOAL_MS = 3_000

/** A checkout of BASELINE in .cache/bench, sharing this checkout's node_modules. */
async function checkoutBaseline(): Promise<string> {
  const dir = join(ROOT, '.cache', 'bench', `baseline-${BASELINE}`)
  if (!existsSync(join(dir, 'tasks', 'add-profile.ts'))) {
    await mkdir(join(ROOT, '.cache', 'bench'), { recursive: true })
    execFileSync('git', ['-C', ROOT, 'worktree', 'add', '--force', '--detach', dir, BASELINE], { stdio: 'ignore' })
  }
  if (!existsSync(join(dir, 'node_modules'))) await symlink(join(ROOT, 'node_modules'), join(dir, 'node_modules'))
  return dir
}

export async function benchAddProfile(world: World, reps: number): Promise<string> {
  const baseline = await checkoutBaseline()
  let issuedAt = 0
  // The code is "entered" after 5 polls (codex polls every second): a person takes longer still.
  const server = await startOAuthServer({ pendingPolls: 5, accessTtlSec: 10 * 365 * 86_400, onTokens: () => { issuedAt = Date.now() } })
  const arms = [{ name: `before (${BASELINE}): SDK bridge + 3 openclaw CLI calls`, root: baseline }, { name: 'now: one SDK bridge process, started before the login', root: ROOT }]
  let n = 0
  const run = async (arm: (typeof arms)[number]) => {
    const stateDir = join(world.sb.root, `speed-${++n}`)
    await mkdir(stateDir, { recursive: true, mode: 0o700 })
    const env = { ...world.env, OPENCLAW_STATE_DIR: stateDir, OPENCLAW_CONFIG_PATH: join(stateDir, 'openclaw.json') }
    await writeSqliteStore({ node: world.oc.node, packageDir: world.oc.packageDir, stateDir, env, profiles: resolveSyntheticProfiles(10, world.provider) })
    server.queue({ email: `speed${n}@example.com`, accountId: `acct-speed-${n}` })
    issuedAt = 0
    const m = await measure([process.execPath, '--import', 'tsx', join(arm.root, 'tasks', 'add-profile.ts'), 'speed', '--issuer', server.issuer, '--yes'], { env, cwd: arm.root })
    if (m.code !== 0 || !issuedAt) throw new Error(`${arm.name}: add-profile exited ${m.code}: ${m.stderr.trim().split('\n').slice(-2).join(' | ')}`)
    return { m, afterLoginMs: m.startedAt + m.wallMs - issuedAt }
  }
  try {
    const cases = arms.map((a) => ({ ...a, reps }))
    const results = await interleave(cases, (c) => run(c), { warmup: false })
    const medians = new Map(cases.map((c) => [c, median(results.get(c)!.map((r) => r.afterLoginMs))]))
    const rows = cases.map((c): Cell[] => {
      const runs = results.get(c)!
      const calls = runs[0] ? openclawCalls(runs[0].m, ROOT).map(labelCall) : []
      return [c.name, runs.length, ms(median(runs.map((r) => r.m.wallMs))), ms(medians.get(c)!), calls.join(', ')]
    })
    const now = medians.get(cases[1]!)!
    const before = medians.get(cases[0]!)!
    return formatTable(`add-profile on the state database (OpenClaw ${world.oc.version}, 10 profiles): after the login`, [
      'code', 'N', 'whole run (login included)', 'from the end of the login to the exit', "OpenClaw's processes in the run",
    ], rows, [
      'Each rep a fresh store of 10 profiles and a real device-flow login whose code is entered after about 5 s; the two arms interleaved in the same rounds, on the same OpenClaw, node and node_modules; no gateway runs (its notice fails fast).',
      `After the login: now ${ms(now)}, before ${ms(before)} (×${(before / now).toFixed(1)}). Goal ≤ ${ms(GOAL_MS)}: ${now <= GOAL_MS ? '✓' : '✗'}.`,
    ])
  } finally {
    await server.close()
  }
}
