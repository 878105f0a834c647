// Section 4: writers racing for auth-profiles.json's lock. W processes start together (each waits
// for a go), each makes K updates through our write path; total time from the go to the last exit,
// and the slowest single update (lock wait and backoff included). Every update must be there after.
import { spawn } from 'node:child_process'
import { mkdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { BACKUP_DIR } from '../lib/files.ts'
import { resolveJsonStorePath } from '../lib/openclaw/stores/json.ts'
import { ROOT } from '../sandbox/sandbox.ts'
import { interleave, median } from './measure.ts'
import { resolveSyntheticProfiles, writeJsonStore } from './stores.ts'
import { formatTable, ms, type Cell } from './table.ts'

const WRITER = join(ROOT, 'bench', 'writer.ts')
const BASE_PROFILES = 10

interface Race {
  totalMs: number
  latencies: number[]
  lost: number
}

async function race(agentDir: string, writers: number, updates: number): Promise<Race> {
  const path = resolveJsonStorePath(agentDir)
  await rm(join(agentDir, BACKUP_DIR), { recursive: true, force: true })
  await writeJsonStore(agentDir, resolveSyntheticProfiles(BASE_PROFILES, 'openai-codex'))
  const children = Array.from({ length: writers }, (_, w) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, path, `w${w}`, String(updates)], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (err += d))
    const ready = new Promise<void>((resolve) => child.stdout.on('data', () => out.startsWith('ready\n') && resolve()))
    const done = new Promise<number[]>((resolve, reject) => child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`writer w${w} exited ${code}: ${err.trim().split('\n').pop()}`))
      resolve(JSON.parse(out.slice('ready\n'.length)).latencies)
    }))
    return { child, ready, done }
  })
  await Promise.all(children.map((c) => c.ready))
  const started = process.hrtime.bigint()
  for (const c of children) c.child.stdin.write('go\n')
  const latencies = (await Promise.all(children.map((c) => c.done))).flat()
  const totalMs = Number(process.hrtime.bigint() - started) / 1e6
  const store = JSON.parse(await readFile(path, 'utf8')) as { profiles: Record<string, unknown> }
  const lost = BASE_PROFILES + writers * updates - Object.keys(store.profiles).length
  return { totalMs, latencies, lost }
}

export async function benchContention(root: string, levels: number[], { updates = 10, reps = 3 } = {}): Promise<string> {
  const cases = levels.map((writers) => ({ name: `${writers}`, reps, writers, dir: join(root, `race-${writers}`, 'agents', 'main', 'agent') }))
  for (const c of cases) await mkdir(c.dir, { recursive: true, mode: 0o700 })
  const results = await interleave(cases, (c) => race(c.dir, c.writers, updates), { warmup: false })
  const rows = cases.map((c): Cell[] => {
    const runs = results.get(c)!
    const all = runs.flatMap((r) => r.latencies)
    return [c.writers, runs.length, c.writers * updates, ms(median(runs.map((r) => r.totalMs))), ms(median(all)), ms(Math.max(...all)), runs.reduce((n, r) => n + r.lost, 0)]
  })
  const notes = [
    `Each writer: ${updates} updates of a ${BASE_PROFILES}-profile store; N rounds, interleaved. An update: lock (OpenClaw's protocol: exclusive create;`,
    'on a live lock, wait 0.1-0.2 s, doubling up to 2-4 s), re-read, backup, temp file, fsync, rename. Slowest: over every update of every round.',
    'Lost: updates missing from the store afterwards, over all rounds (must be 0).',
  ]
  return formatTable('Lock contention on auth-profiles.json', ['writers', 'N', 'updates per round', 'total (median)', 'one update (median)', 'slowest update', 'lost'], rows, notes)
}
