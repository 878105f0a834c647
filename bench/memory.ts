// Section 5: peak RSS of every task, from the probe (process.resourceUsage().maxRSS at exit). The
// tasks the other sections ran are taken from their runs; the rest run here, in the legacy world.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from '../sandbox/sandbox.ts'
import { interleave, measure, median, peakRssMb } from './measure.ts'
import { formatTable, mb, ms, type Cell } from './table.ts'
import type { World } from './world.ts'

/** install-cron --print, doctor, and status where this checkout has it. */
export async function measureOtherTasks(world: World, reps: number): Promise<Array<[string, number, number, number]>> {
  const tasks: Array<[string, string[]]> = [
    ['install-cron --print', ['install-cron', '--print']],
    ['doctor', ['doctor']],
    ['status', ['status']],
  ]
  const cases = tasks.filter(([, [name]]) => existsSync(join(ROOT, 'tasks', `${name}.ts`)))
    .map(([name, [file, ...args]]) => ({ name, reps, argv: [process.execPath, '--import', 'tsx', join(ROOT, 'tasks', `${file}.ts`), ...args] }))
  // doctor exits 1 when it finds a problem: the run still counts.
  const results = await interleave(cases, (c) => measure(c.argv, { env: world.env, cwd: ROOT }), { warmup: false })
  return cases.map((c) => {
    const runs = results.get(c)!
    return [`${c.name} (OpenClaw ${world.oc.version} installed)`, runs.length, median(runs.map((m) => m.wallMs)), median(runs.map((m) => peakRssMb(m, ROOT)))]
  })
}

export function formatMemory(rows: Array<[string, number]>, others: Array<[string, number, number, number]>): string {
  const cells: Cell[][] = [...rows.map(([name, rss]): Cell[] => [name, mb(rss), '']), ...others.map(([name, n, wall, rss]): Cell[] => [name, mb(rss), `N ${n}, wall ${ms(wall)}`])]
  const notes = ['Peak resident set of our own process (node --import tsx, or the runner named), medians; OpenClaw\'s processes are not ours and are not counted, except where named.']
  return formatTable('Peak memory (RSS) by task', ['task', 'peak RSS', ''], cells, notes)
}
