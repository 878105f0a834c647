// npm run bench: what a check costs and how the store scales (issue 8). A script, not a test: it
// prints Markdown tables of medians over repeated runs; every comparison is made inside one run,
// with the compared cases interleaved. OpenClaw runs from the pinned installs (.ci/install-tools)
// with the loopback guard: nothing here reaches any address but 127.0.0.1.
//   npx tsx bench/run.ts [--only startup,check,tokens,scale,database,addprofile,failover,contention,memory] [--quick]
import { cpus, loadavg } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { buildCheckBundle } from '../lib/bundle.ts'
import { resolveLauncherPath } from '../lib/cron-job.ts'
import { createSandbox, ROOT } from '../sandbox/sandbox.ts'
import { locateOpenclaw, PINS, prepareOpenclaw, type Era } from '../sandbox/openclaw-install.ts'
import { benchCheck, benchStartup, CHECK_HEADERS, resolveRunners, type CheckResult } from './check.ts'
import { benchAddProfile, BASELINE } from './add-profile.ts'
import { benchContention } from './contention.ts'
import { benchFailover } from './failover.ts'
import { benchDatabase } from './database.ts'
import { cleanupProbes } from './measure.ts'
import { formatMemory, measureOtherTasks } from './memory.ts'
import { benchScale } from './scale.ts'
import { formatTable, ratio } from './table.ts'
import { benchTokens, plantCodexCooldown } from './tokens.ts'
import { createWorld, type World } from './world.ts'

const SECTIONS = ['startup', 'check', 'tokens', 'scale', 'database', 'addprofile', 'failover', 'contention', 'memory'] as const
const { values } = parseArgs({ options: { only: { type: 'string' }, quick: { type: 'boolean' } } })
const only = new Set(values.only ? values.only.split(',') : SECTIONS)
const want = (s: (typeof SECTIONS)[number]) => only.has(s)
const quick = Boolean(values.quick)
const reps = (n: number) => (quick ? Math.min(n, 2) : n)

const started = Date.now()
const say = (text: string) => process.stdout.write(`${text}\n`)
const progress = (text: string) => process.stderr.write(`# ${text} (${Math.round((Date.now() - started) / 1000)} s)\n`)
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ')

say(`## codex-auth-fallback bench, ${new Date().toISOString().slice(0, 10)}`)
say('')
say(`${cpus().length} × ${cpus()[0]?.model.trim()}; node ${process.versions.node}; OpenClaw ${PINS.openclawLegacy} and ${PINS.openclawCurrent} on node ${PINS.node24}; load average at start ${load()}`)
say('')

const worlds = new Map<Era, World>()
const cleanups: Array<() => Promise<void>> = []
try {
  const needs: Record<Era, boolean> = { legacy: ['check', 'tokens', 'memory'].some((s) => only.has(s)), current: ['check', 'tokens', 'database', 'addprofile'].some((s) => only.has(s)) }
  for (const era of ['legacy', 'current'] as const) {
    if (!needs[era]) continue
    progress(`setting up OpenClaw ${era === 'legacy' ? PINS.openclawLegacy : PINS.openclawCurrent}`)
    const w = await createWorld(era)
    if ('skip' in w) say(`OpenClaw ${era}: not measured: ${w.skip}\n`)
    else {
      worlds.set(era, w)
      cleanups.push(() => w.sb.cleanup())
    }
  }
  const legacy = worlds.get('legacy')
  const current = worlds.get('current')
  const node24 = (['current', 'legacy'] as const).map(locateOpenclaw).find((f) => 'node' in f)
  const runs = want('startup') || want('check')
  // The cron job's launcher runs the checkout's own dist/ bundle, which it finds fresh once built.
  if (runs) await buildCheckBundle()
  const runners = resolveRunners({
    node24: node24 && 'node' in node24 ? node24.node : undefined,
    bundle: runs ? await buildCheckBundle({ outfile: join(ROOT, '.cache', 'bench', 'check-and-switch.mjs') }) : undefined,
    launcher: runs ? resolveLauncherPath() : undefined,
  })
  const rss: Array<[string, number]> = []

  if (want('startup')) {
    progress('start-up')
    say(await benchStartup(runners, reps(10)))
  }
  if (want('check')) {
    const results: CheckResult[] = []
    for (const w of [legacy, current]) {
      if (!w) continue
      progress(`check-and-switch on ${w.oc.version}`)
      results.push(await benchCheck(w, runners, reps(5)))
    }
    const goal = (max: number) => results.flatMap((r) => r.ratios).filter(([, , g]) => g === max).map(([name, r]) => `${name.replace(/check-and-switch --dry-run: /, '')} ${ratio(r)} ${r <= max ? '✓' : '✗'}`)
    say(formatTable('check-and-switch --dry-run, nothing changed: the run against the `models status --json` call it makes', CHECK_HEADERS, results.flatMap((r) => r.rows), [
      'The call is timed inside the same run (spawn to close, by a probe preloaded into our process); "alone" is the call run directly, in the same rounds.',
      "Our CPU: user + system time of our processes (tsx's CLI: both of its); peak RSS: the heavier one. Less moved by other load than wall time.",
      `Goal wall / call ≤ 1.15: ${goal(1.15).join('; ')}.`,
      `Goal for the cron job (the launcher finding the bundle fresh) ≤ 1.1: ${goal(1.1).join('; ')}.`,
    ]))
    rss.push(...results.flatMap((r) => r.rss))
  }
  if (want('tokens')) {
    progress('LLM input per check')
    for (const w of [legacy, current]) if (w) await plantCodexCooldown(w)
    say(await benchTokens({ legacy, current }))
  }
  if (want('scale')) {
    progress('JSON store scaling')
    const sb = await createSandbox()
    cleanups.push(() => sb.cleanup())
    const oc = await prepareOpenclaw('legacy', sb)
    const installed = 'missing' in oc ? undefined : { env: oc.env, version: oc.version }
    const r = await benchScale(sb, quick ? [[10, 2], [1000, 2]] : [[10, 5], [100, 5], [1000, 5], [10000, 3]], installed)
    say(r.table)
    rss.push(...r.rss)
  }
  if (want('database') && current) {
    progress(`state database on ${current.oc.version}`)
    say(await benchDatabase(current, [10, 100]))
  }
  if (want('addprofile') && current) {
    progress(`add-profile after the login on ${current.oc.version}, against ${BASELINE}`)
    say(await benchAddProfile(current, reps(3)))
  }
  if (want('failover')) {
    const eras = (['legacy', 'current'] as const).filter((e) => !('missing' in locateOpenclaw(e)))
    progress(`a stretch of work on ${eras.join(' and ')}: OpenClaw alone against check-and-switch between turns`)
    say(await benchFailover(eras, { turns: quick ? 8 : 12, progress }))
  }
  if (want('contention')) {
    progress('lock contention')
    const sb = await createSandbox()
    cleanups.push(() => sb.cleanup())
    say(await benchContention(sb.root, [2, 8, 20], { reps: reps(3) }))
  }
  if (want('memory')) {
    progress('memory')
    say(formatMemory(rss, legacy ? await measureOtherTasks(legacy, reps(2)) : []))
  }
  say(`Load average at the end ${load()}; the whole bench took ${Math.round((Date.now() - started) / 1000)} s.`)
} finally {
  for (const c of cleanups) await c().catch(() => {})
  await cleanupProbes()
}
