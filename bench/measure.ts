// How the bench times a run: one child process per measurement, wall time from spawn to 'close'
// (what a cron job or a user waits for), and the probe's record of every process in the run (peak
// RSS, and how long each child it spawned took), so a ratio is read off the very run it describes.
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const PROBE = fileURLToPath(new URL('./probe.mjs', import.meta.url))

export interface Spawned {
  argv: string[]
  ms: number
}

export interface ProbeLine {
  pid: number
  ppid: number
  argv: string[]
  lifeMs: number
  /** User + system CPU time: unlike wall time, barely moved by other load on the machine. */
  cpuMs: number
  maxRssKb: number
  spawns: Spawned[]
}

export interface Measured {
  /** When the process was started (ms since the epoch). */
  startedAt: number
  wallMs: number
  code: number | null
  stdout: string
  stderr: string
  procs: ProbeLine[]
}

const probeDir = await mkdtemp(join(tmpdir(), 'caf-bench-probe-'))
let probes = 0

/** Runs argv with the probe preloaded next to whatever NODE_OPTIONS env already has (the loopback guard). */
export async function measure(argv: string[], { env, cwd, input = '' }: { env: NodeJS.ProcessEnv; cwd?: string; input?: string }): Promise<Measured> {
  const out = join(probeDir, `${++probes}.jsonl`)
  const nodeOptions = [env.NODE_OPTIONS, `--import=${PROBE}`].filter(Boolean).join(' ')
  const startedAt = Date.now()
  const started = process.hrtime.bigint()
  const child = spawn(argv[0]!, argv.slice(1), { cwd, env: { ...env, NODE_OPTIONS: nodeOptions, CAF_BENCH_PROBE: out }, stdio: ['pipe', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d) => (stdout += d))
  child.stderr.on('data', (d) => (stderr += d))
  child.stdin.end(input)
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', resolve)
  })
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6
  const text = await readFile(out, 'utf8').catch(() => '')
  await rm(out, { force: true })
  const procs = text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as ProbeLine)
  return { startedAt, wallMs, code, stdout, stderr, procs }
}

/** Like measure, but a non-zero exit is a bench failure that names the command and its last words. */
export async function measureOk(argv: string[], opts: Parameters<typeof measure>[1]): Promise<Measured> {
  const m = await measure(argv, opts)
  if (m.code !== 0) throw new Error(`${argv.slice(-4).join(' ')} exited ${m.code}: ${(m.stderr || m.stdout).trim().split('\n').slice(-3).join(' | ')}`)
  return m
}

/** A command line of ours: it runs a file of this checkout (the SDK bridge runs OpenClaw's code, so it is OpenClaw's). */
function isOurs(argv: string[], root: string): boolean {
  return argv.some((a) => a.includes(root)) && !argv.some((a) => a.includes('sdk-bridge'))
}

/** The processes of ours in a run (not OpenClaw's, not a shell). */
export function ownProcesses(m: Measured, root: string): ProbeLine[] {
  return m.procs.filter((p) => isOurs(p.argv, root))
}

/**
 * The OpenClaw calls of a run: every child a process of ours spawned that is not itself ours (the
 * node tsx's CLI starts is ours). They run one at a time, so their durations add up.
 */
export function openclawCalls(m: Measured, root: string): Spawned[] {
  return ownProcesses(m, root).flatMap((p) => p.spawns).filter((s) => !isOurs(s.argv, root))
}

/** CPU time of our processes in the run (not their children's), in ms. */
export function ownCpuMs(m: Measured, root: string): number {
  return ownProcesses(m, root).reduce((n, p) => n + p.cpuMs, 0)
}

/** Peak RSS of our heaviest process in the run, in MB. */
export function peakRssMb(m: Measured, root: string): number {
  return Math.max(0, ...ownProcesses(m, root).map((p) => p.maxRssKb)) / 1024
}

export function median(xs: number[]): number {
  if (xs.length === 0) return NaN
  const s = [...xs].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

/**
 * Runs the cases side by side: round r runs every case once (a case with fewer reps sits out the
 * later rounds), starting at a different case each round, so drift in the machine hits them all.
 * A first, uncounted round warms the caches a long-lived install has warm (tsx's compile cache).
 */
export async function interleave<C extends { name: string; reps: number }, R>(cases: C[], run: (c: C, round: number) => Promise<R>, { warmup = true } = {}): Promise<Map<C, R[]>> {
  if (warmup) for (const c of cases) await run(c, -1)
  const results = new Map<C, R[]>(cases.map((c) => [c, []]))
  const rounds = Math.max(...cases.map((c) => c.reps))
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < cases.length; i++) {
      const c = cases[(i + r) % cases.length]!
      if (r < c.reps) results.get(c)!.push(await run(c, r))
    }
  }
  return results
}

export async function cleanupProbes(): Promise<void> {
  await rm(probeDir, { recursive: true, force: true })
}
