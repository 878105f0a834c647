// Section "addprofile": add-profile on the state database (2026.9.6) from the end of the login to
// the exit, today against the code before the one-bridge-process change, side by side in one run.
// The code before is checked out from git (BASELINE) beside this checkout and run on the same
// node_modules, the same OpenClaw and the same store. With --from there is no login, so the whole
// run is what follows one; a second run with the name now taken stops at the check before the login
// (start-up, detection and the store read), and the difference between the two is the part after it.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { codexAuthJson, makeTokens } from '../test/support/jwt.ts'
import { ROOT } from '../sandbox/sandbox.ts'
import { labelCall } from './database.ts'
import { interleave, measure, median, openclawCalls, type Measured } from './measure.ts'
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
  const importFile = join(world.sb.tmp, 'import-speed-auth.json')
  await writeFile(importFile, codexAuthJson(await makeTokens({ accountId: 'acct-bench-speed', email: 'speed@example.com' }), 'acct-bench-speed'), { mode: 0o600 })
  const arms = [{ name: `before (${BASELINE}): SDK bridge + 3 openclaw CLI calls`, root: baseline }, { name: 'now: one SDK bridge process', root: ROOT }]
  let n = 0
  /** One rep: a fresh store of 10 profiles, the add (all of it after the login), then the refused one. */
  const run = async (arm: (typeof arms)[number]) => {
    const stateDir = join(world.sb.root, `speed-${++n}`)
    await mkdir(stateDir, { recursive: true, mode: 0o700 })
    const env = { ...world.env, OPENCLAW_STATE_DIR: stateDir, OPENCLAW_CONFIG_PATH: join(stateDir, 'openclaw.json') }
    await writeSqliteStore({ node: world.oc.node, packageDir: world.oc.packageDir, stateDir, env, profiles: resolveSyntheticProfiles(10, world.provider) })
    const task = [process.execPath, '--import', 'tsx', join(arm.root, 'tasks', 'add-profile.ts'), 'speed', '--from', importFile, '--yes']
    const add = await measure(task, { env, cwd: arm.root })
    if (add.code !== 0) throw new Error(`${arm.name}: add-profile exited ${add.code}: ${add.stderr.trim().split('\n').slice(-2).join(' | ')}`)
    const refused = await measure(task, { env, cwd: arm.root })
    if (!/already exists/.test(refused.stderr)) throw new Error(`${arm.name}: the second add-profile was not refused at its pre-login check: ${refused.stderr}`)
    return { add, refused }
  }
  const cases = arms.map((a) => ({ ...a, reps }))
  const results = await interleave(cases, (c) => run(c), { warmup: false })
  // The baseline checkout is inside this one, so ROOT marks its processes as ours too.
  const calls = (m: Measured) => openclawCalls(m, ROOT)
  const after = (r: { add: Measured; refused: Measured }) => r.add.wallMs - r.refused.wallMs
  const medians = new Map(cases.map((c) => [c, median(results.get(c)!.map(after))]))
  const rows = cases.map((c): Cell[] => {
    const runs = results.get(c)!
    const extra = runs[0] ? calls(runs[0].add).slice(calls(runs[0].refused).length).map(labelCall) : []
    return [c.name, runs.length, ms(median(runs.map((r) => r.add.wallMs))), ms(median(runs.map((r) => r.refused.wallMs))), ms(medians.get(c)!), extra.join(', ')]
  })
  const now = medians.get(cases[1]!)!
  const before = medians.get(cases[0]!)!
  return formatTable(`add-profile on the state database (OpenClaw ${world.oc.version}, 10 profiles): after the login`, [
    'code', 'N', 'add-profile --from (all after a login)', 'refused before the login', 'after the login (difference)', 'OpenClaw processes after the login',
  ], rows, [
    'Each rep a fresh store of 10 profiles; the two arms interleaved in the same rounds, on the same OpenClaw, node and node_modules; no gateway runs (its notice fails fast).',
    `After the login: now ${ms(now)}, before ${ms(before)} (×${(before / now).toFixed(1)}). Goal ≤ ${ms(GOAL_MS)}: ${now <= GOAL_MS ? '✓' : '✗'}.`,
  ])
}
