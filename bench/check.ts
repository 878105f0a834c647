// Section 1: what one check costs. check-and-switch --dry-run on the quiet path (nothing changed)
// beside the `openclaw models status --json` call it makes, timed inside the same run by the probe;
// every way of running it, interleaved with each other and with the call alone.
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { resolveTsxCli } from '../lib/cron-job.ts'
import { ROOT } from '../sandbox/sandbox.ts'
import { interleave, measure, measureOk, median, openclawCalls, ownCpuMs, peakRssMb, type Measured } from './measure.ts'
import { formatTable, mb, ms, ratio, type Cell } from './table.ts'
import type { World } from './world.ts'

export interface Runner {
  name: string
  /** The program and its leading arguments; the script path follows. */
  argv: string[]
  script: string
  /** The most wall / call this way may take (the cron job's: 1.1), when it is held to its own goal. */
  goal?: number
}

const TASK = join(ROOT, 'tasks', 'check-and-switch.ts')

/**
 * The ways check-and-switch can run: as `npm run` does, node 24 on the sources, bundled (npm run
 * build) on either node, and as the cron job does: install-cron's node (24 here) on the launcher,
 * with the checkout's dist/ bundle fresh (launcher: bin/check-and-switch.mjs, built beforehand).
 */
export function resolveRunners({ node24, bundle, launcher }: { node24?: string; bundle?: string; launcher?: string }): Runner[] {
  const node = process.execPath
  const v = (bin: string) => execFileSync(bin, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim()
  return [
    { name: `tsx CLI, node ${v(node)} (npm run)`, argv: [node, resolveTsxCli()], script: TASK },
    ...(node24 ? [{ name: `node ${v(node24)} strips the types itself`, argv: [node24], script: TASK }] : []),
    ...(bundle ? [{ name: `bundled .mjs, node ${v(node)}`, argv: [node], script: bundle }] : []),
    ...(bundle && node24 ? [{ name: `bundled .mjs, node ${v(node24)}`, argv: [node24], script: bundle }] : []),
    ...(launcher ? [{ name: `cron job: node ${v(node24 ?? node)} bin/check-and-switch.mjs, bundle fresh`, argv: [node24 ?? node], script: launcher, goal: 1.1 }] : []),
  ]
}

/** Each runner, to a usage error and no further: start-up and module loading alone. */
export async function benchStartup(runners: Runner[], reps: number): Promise<string> {
  const cases = runners.map((r) => ({ name: r.name, reps, r }))
  const results = await interleave(cases, ({ r }) => measure([...r.argv, r.script, '--no-such-flag'], { env: process.env, cwd: ROOT }))
  const rows: Cell[][] = cases.map((c) => {
    const runs = results.get(c)!
    return [c.name, runs.length, ms(median(runs.map((m) => m.wallMs))), ms(median(runs.map((m) => ownCpuMs(m, ROOT)))), mb(median(runs.map((m) => peakRssMb(m, ROOT))))]
  })
  return formatTable('Start-up: check-and-switch to a usage error (no work, no OpenClaw)', ['how it runs', 'N', 'wall', 'CPU', 'peak RSS'], rows)
}

interface Row {
  name: string
  reps: number
  argv: string[]
  check: boolean
  goal?: number
}

export interface CheckResult {
  rows: Cell[][]
  /** Median wall / call per runner, and the goal it is held to. */
  ratios: Array<[string, number, number]>
  rss: Array<[string, number]>
}

export async function benchCheck(world: World, runners: Runner[], reps: number): Promise<CheckResult> {
  const cases: Row[] = [
    { name: 'openclaw models status --json, alone', reps, argv: [world.oc.openclaw, 'models', 'status', '--json'], check: false },
    ...runners.map((r) => ({ name: `check-and-switch --dry-run: ${r.name}`, reps, argv: [...r.argv, r.script, '--dry-run'], check: true, goal: r.goal ?? 1.15 })),
  ]
  const results = await interleave(cases, async (c) => {
    const m = await measureOk(c.argv, { env: world.env, cwd: ROOT })
    if (c.check && m.stdout !== '') throw new Error(`check-and-switch was not on the quiet path: ${m.stdout.trim()}`)
    return m
  })
  const ratios: CheckResult['ratios'] = []
  const rss: CheckResult['rss'] = []
  const label = (name: string) => `${world.oc.version}: ${name}`
  const rows = cases.map((c): Cell[] => {
    const runs = results.get(c)!
    const wall = median(runs.map((m) => m.wallMs))
    if (!c.check) {
      // OpenClaw's own peak, for scale: its CLI re-executes itself, so the heaviest of its processes.
      rss.push([`${label(c.name)} (OpenClaw's own)`, median(runs.map((m) => Math.max(...m.procs.map((p) => p.maxRssKb)) / 1024))])
      return [label(c.name), runs.length, ms(wall), '—', '—', '—', '—', '—']
    }
    const call = (m: Measured) => {
      const calls = openclawCalls(m, ROOT).filter((s) => s.argv.join(' ').includes('models status --json'))
      if (calls.length !== 1) throw new Error(`expected one models status call, saw ${calls.length}`)
      return calls[0]!.ms
    }
    const r = median(runs.map((m) => m.wallMs / call(m)))
    const peak = median(runs.map((m) => peakRssMb(m, ROOT)))
    ratios.push([label(c.name), r, c.goal!])
    rss.push([label(c.name), peak])
    return [label(c.name), runs.length, ms(wall), ms(median(runs.map(call))), ratio(r), ms(median(runs.map((m) => m.wallMs - call(m)))), ms(median(runs.map((m) => ownCpuMs(m, ROOT)))), mb(peak)]
  })
  return { rows, ratios, rss }
}

export const CHECK_HEADERS = ['what runs', 'N', 'wall', 'its models status call', 'wall / call', 'ours (wall − call)', 'our CPU', 'peak RSS (ours)']
