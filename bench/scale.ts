// Section 3: how add-profile and render-config grow with the JSON store (10 to 10,000 profiles),
// with no OpenClaw in the way (--openclaw-version 2026.2.22, nothing to run): our part alone. Every
// size and task runs in the same rounds, beside a start-up baseline (the task up to a usage error).
import { cp, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { BACKUP_DIR } from '../lib/files.ts'
import { resolveAgentDir, resolveConfigPath } from '../lib/openclaw/state-dir.ts'
import { resolveJsonStorePath } from '../lib/openclaw/stores/json.ts'
import { codexAuthJson, makeTokens } from '../test/support/jwt.ts'
import { ROOT, type Sandbox } from '../sandbox/sandbox.ts'
import { interleave, measure, measureOk, median, openclawCalls, ownCpuMs, peakRssMb, type Measured } from './measure.ts'
import { resolveSyntheticProfiles, writeJsonStore } from './stores.ts'
import { formatTable, mb, ms, ratio, type Cell } from './table.ts'

const VERSION = ['--openclaw-version', '2026.2.22']
const BASE_CONFIG = '{\n  "gateway": { "port": 18789 }\n}\n'
const task = (name: string, ...args: string[]) => [process.execPath, '--import', 'tsx', join(ROOT, 'tasks', `${name}.ts`), ...args]

type Kind = 'add' | 'dry' | 'write' | 'steady' | 'start-add' | 'start-render' | 'installed-add' | 'installed-dry'
interface Case {
  name: string
  reps: number
  kind: Kind
  size: number
  stateDir: string
}

export interface ScaleResult {
  table: string
  /** Peak RSS per task at the smallest and largest size, for the memory table. */
  rss: Array<[string, number]>
}

/**
 * sizes: [profiles, repetitions]. installed: a pinned release's env (OPENCLAW_BIN, the loopback
 * guard), to time add-profile and the dry run at the smallest size once more as a user runs them:
 * the installed release detected, not named by --openclaw-version.
 */
export async function benchScale(sb: Sandbox, sizes: Array<[number, number]>, installed?: { env: NodeJS.ProcessEnv; version: string }): Promise<ScaleResult> {
  const importFile = join(sb.tmp, 'import-auth.json')
  await writeFile(importFile, codexAuthJson(await makeTokens({ accountId: 'acct-bench-new', email: 'new@example.com' }), 'acct-bench-new'), { mode: 0o600 })
  const envOf = (stateDir: string) => ({ ...sb.env, OPENCLAW_STATE_DIR: stateDir, OPENCLAW_CONFIG_PATH: join(stateDir, 'openclaw.json') })
  const addArgs = ['bench-new', '--from', importFile, '--yes']
  const cases: Case[] = []
  const storeBytes = new Map<number, number>()
  const pristine = new Map<number, string>()
  for (const [size, reps] of sizes) {
    const dir = join(sb.root, `scale-${size}`)
    const seedDir = join(dir, 'pristine')
    storeBytes.set(size, await writeJsonStore(resolveAgentDir(seedDir), resolveSyntheticProfiles(size, 'openai-codex')))
    pristine.set(size, resolveJsonStorePath(resolveAgentDir(seedDir)))
    const kinds = installed && size === sizes[0]![0] ? ['add', 'dry', 'write', 'steady', 'installed-add', 'installed-dry'] as const : ['add', 'dry', 'write', 'steady'] as const
    for (const kind of kinds) {
      const stateDir = join(dir, kind)
      await cp(seedDir, stateDir, { recursive: true })
      await writeFile(resolveConfigPath({}, stateDir), BASE_CONFIG, { mode: 0o600 })
      cases.push({ name: `${kind} ${size}`, reps, kind, size, stateDir })
    }
    // After one more add: the config already rendered for the store as it was, one profile new.
    const steady = join(dir, 'steady')
    await measureOk(task('render-config', '--write', ...VERSION), { env: envOf(steady), cwd: ROOT })
    await measureOk(task('add-profile', ...addArgs, ...VERSION), { env: envOf(steady), cwd: ROOT })
  }
  const reps = Math.max(...sizes.map(([, r]) => r))
  const small = cases[0]!.stateDir
  cases.push({ name: 'start-add', reps, kind: 'start-add', size: 0, stateDir: small }, { name: 'start-render', reps, kind: 'start-render', size: 0, stateDir: small })

  const results = await interleave(cases, async (c): Promise<Measured> => {
    const isInstalled = c.kind.startsWith('installed-')
    const env = isInstalled ? { ...envOf(c.stateDir), ...installed!.env } : envOf(c.stateDir)
    const version = isInstalled ? [] : VERSION
    switch (c.kind) {
      case 'add':
      case 'installed-add': {
        const agentDir = resolveAgentDir(c.stateDir)
        await rm(join(agentDir, BACKUP_DIR), { recursive: true, force: true })
        await cp(pristine.get(c.size)!, resolveJsonStorePath(agentDir))
        return measureOk(task('add-profile', ...addArgs, ...version), { env, cwd: ROOT })
      }
      case 'dry':
      case 'steady':
      case 'installed-dry':
        return measureOk(task('render-config', ...version), { env, cwd: ROOT })
      case 'write':
        await rm(join(c.stateDir, BACKUP_DIR), { recursive: true, force: true })
        await writeFile(resolveConfigPath({}, c.stateDir), BASE_CONFIG, { mode: 0o600 })
        return measureOk(task('render-config', '--write', ...VERSION), { env, cwd: ROOT })
      case 'start-add':
      case 'start-render': {
        const m = await measure(task(c.kind === 'start-add' ? 'add-profile' : 'render-config', '--no-such-flag'), { env, cwd: ROOT })
        if (m.code !== 2) throw new Error(`expected a usage error, got exit ${m.code}`)
        return m
      }
    }
  })

  const wall = (c: Case) => median(results.get(c)!.map((m) => m.wallMs))
  const find = (kind: Kind, size: number) => cases.find((c) => c.kind === kind && c.size === size)!
  const startAdd = wall(find('start-add', 0))
  const startRender = wall(find('start-render', 0))
  const base = sizes[0]![0]
  const cell = (kind: Kind, size: number) => `${ms(wall(find(kind, size)))} (×${ratio(wall(find(kind, size)) / wall(find(kind, base)))})`
  const rows: Cell[][] = sizes.map(([size, n]) => [
    size.toLocaleString('en-US'), n, `${(storeBytes.get(size)! / 1e6).toFixed(2)} MB`,
    cell('add', size), cell('dry', size), cell('write', size), cell('steady', size),
    ms(median(results.get(find('add', size))!.map((m) => ownCpuMs(m, ROOT)))),
  ])
  if (installed) {
    const add = find('installed-add', base)
    const calls = (kind: Kind) => ms(median(results.get(find(kind, base))!.map((m) => openclawCalls(m, ROOT).reduce((n, x) => n + x.ms, 0))))
    rows.push([`${base}, OpenClaw ${installed.version} installed`, add.reps, '—', `${ms(wall(add))} (OpenClaw ${calls('installed-add')})`, `${ms(wall(find('installed-dry', base)))} (OpenClaw ${calls('installed-dry')})`, '—', '—', ms(median(results.get(add)!.map((m) => ownCpuMs(m, ROOT))))])
  }
  rows.push(['start-up only (usage error)', reps, '—', ms(startAdd), ms(startRender), ms(startRender), ms(startRender), '—'])
  const rss: Array<[string, number]> = []
  for (const size of [sizes[0]![0], sizes.at(-1)![0]]) {
    for (const [kind, what] of [['add', 'add-profile --from'], ['dry', 'render-config (dry run)'], ['write', 'render-config --write']] as const) {
      rss.push([`${what}, ${size.toLocaleString('en-US')} profiles`, median(results.get(find(kind, size))!.map((m) => peakRssMb(m, ROOT)))])
    }
  }
  const notes = [
    `Wall time of \`node --import tsx tasks/<task>.ts\` (npm run adds npm and tsx's CLI process on top), median, (×) against ${base} profiles.`,
    'render-config "first": a config without auth profiles yet (the diff adds them all); "after one add": the config rendered for the store, then one add-profile.',
    'Sizes rows: no OpenClaw runs (--openclaw-version, none installed), so --write is not validated (an installed release adds its check).',
    ...(installed ? [`"installed" row: the release detected as in real use (no --openclaw-version); (OpenClaw …) is the time spent in its calls.`] : []),
  ]
  const headers = ['profiles', 'N', 'store', 'add-profile --from', 'render-config, first (dry run)', 'render-config, first --write', 'render-config after one add (dry run)', 'add-profile CPU']
  return { table: formatTable('JSON store (auth-profiles.json): time by store size', headers, rows, notes), rss }
}

