// Section 3b: the state database of 2026.6.5+ (here 2026.9.6) with 10 and 100 profiles. add-profile
// and render-config reach it only through OpenClaw (its SDK on its node, and its CLI), so the probe
// splits each run into OpenClaw's calls and the rest, which is ours.
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { codexAuthJson, makeTokens } from '../test/support/jwt.ts'
import { ROOT } from '../sandbox/sandbox.ts'
import { interleave, measureOk, median, openclawCalls, type Measured, type Spawned } from './measure.ts'
import { resolveSyntheticProfiles, writeSqliteStore } from './stores.ts'
import { formatTable, ms, type Cell } from './table.ts'
import type { World } from './world.ts'

const task = (name: string, ...args: string[]) => [process.execPath, '--import', 'tsx', join(ROOT, 'tasks', `${name}.ts`), ...args]

/** "models auth order get", "--version", "SDK (sdk-bridge.mjs)": what a call was, without its arguments. */
export function labelCall(s: Spawned): string {
  if (s.argv.some((a) => a.includes('sdk-bridge'))) return 'SDK bridge'
  const line = s.argv.join(' ')
  const m = /\/openclaw ((?:[a-z][\w.-]* ?)+|--version)/.exec(line)
  return m ? m[1]!.trim() : line.slice(0, 40)
}

function summarizeCalls(runs: Measured[]): string {
  const byLabel = new Map<string, { n: number; ms: number }>()
  for (const s of runs.flatMap((m) => openclawCalls(m, ROOT))) {
    const e = byLabel.get(labelCall(s)) ?? { n: 0, ms: 0 }
    byLabel.set(labelCall(s), { n: e.n + 1, ms: e.ms + s.ms })
  }
  return [...byLabel].sort((a, b) => b[1].ms - a[1].ms)
    .map(([label, e]) => `${label} ×${e.n / runs.length} ${(e.ms / runs.length / 1000).toFixed(1)} s`).join(', ')
}

export async function benchDatabase(world: World, sizes: number[], { addReps = 1, renderReps = 2 } = {}): Promise<string> {
  const importFile = join(world.sb.tmp, 'import-db-auth.json')
  await writeFile(importFile, codexAuthJson(await makeTokens({ accountId: 'acct-bench-db', email: 'db@example.com' }), 'acct-bench-db'), { mode: 0o600 })
  const cases: Array<{ name: string; reps: number; size: number; argv: string[]; env: NodeJS.ProcessEnv }> = []
  for (const size of sizes) {
    const stateDir = join(world.sb.root, `db-${size}`)
    await mkdir(stateDir, { recursive: true, mode: 0o700 })
    const env = { ...world.env, OPENCLAW_STATE_DIR: stateDir, OPENCLAW_CONFIG_PATH: join(stateDir, 'openclaw.json') }
    await writeSqliteStore({ node: world.oc.node, packageDir: world.oc.packageDir, stateDir, env, profiles: resolveSyntheticProfiles(size, world.provider) })
    // One add per size: a second would find the profile there (--replace is another path).
    cases.push({ name: 'add-profile --from', reps: addReps, size, argv: task('add-profile', 'bench-db', '--from', importFile, '--yes'), env })
    cases.push({ name: 'render-config (dry run)', reps: renderReps, size, argv: task('render-config'), env })
  }
  // No warm-up round: these runs take half a minute each, and tsx's cache is warm from the other sections.
  const results = await interleave(cases, (c) => measureOk(c.argv, { env: c.env, cwd: ROOT }), { warmup: false })
  const rows = cases.map((c): Cell[] => {
    const runs = results.get(c)!
    const calls = runs.map((m) => openclawCalls(m, ROOT).reduce((n, s) => n + s.ms, 0))
    return [`${c.name}, ${c.size} profiles`, runs.length, ms(median(runs.map((m) => m.wallMs))), ms(median(calls)), ms(median(runs.map((m, i) => m.wallMs - calls[i]!))), summarizeCalls(runs)]
  })
  const notes = [
    "The installed release detected as in real use (no --openclaw-version). OpenClaw's calls run one after another; a gateway is not running, so",
    "add-profile's `gateway call models.authRefresh` fails fast and is a warning. Ours = wall − OpenClaw's calls: node, tsx and our code.",
  ]
  return formatTable(`State database (OpenClaw ${world.oc.version}): where the time goes`, ['task', 'N', 'wall', "OpenClaw's calls", 'ours (wall − calls)', 'calls, by time (per run)'], rows, notes)
}
