// Which OpenClaw generation a state dir belongs to. The installed OpenClaw's version decides; where
// none can be run, the files in the state dir decide; where neither does, the user must say.
import { access, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CafError } from '../errors.ts'
import { runChild } from '../run-child.ts'
import { parseRelease, resolveSince, type Release } from './releases.ts'
import { loadJsonStore, resolveJsonStorePath } from './stores/json.ts'
import { readPackageVersion } from './package.ts'
import type { Env } from './state-dir.ts'

export interface Detection extends Release {
  version?: string
  /** What decided: the --openclaw-version flag, the installed OpenClaw, or the state dir's files. */
  source: 'flag' | 'installed' | 'state-dir'
  /** A legacy auth-profiles.json beside a state database (OpenClaw's doctor --fix migrates it). */
  leftoverJson?: string
}

export function resolveOpenclawBin(env: Env = process.env): string {
  return env.OPENCLAW_BIN?.trim() || 'openclaw'
}

/**
 * The installed release: from the package.json of the npm package the bin leads into (a file read;
 * the bench timed `openclaw --version` at 1.3-1.7 s on 2026.2.22), else `openclaw --version`, or
 * undefined when no OpenClaw can be run.
 */
export async function readInstalledVersion(env: Env = process.env, signal?: AbortSignal): Promise<string | undefined> {
  const fromPackage = await readPackageVersion(resolveOpenclawBin(env), env)
  if (fromPackage) return fromPackage
  // 2026.2.22 creates agents/main/agent/auth.json even for --version: give it a throw-away agent dir
  // so asking the version leaves the user's state dir as it was.
  const scratch = await mkdtemp(join(tmpdir(), 'caf-openclaw-version-'))
  try {
    const r = await runChild(resolveOpenclawBin(env), ['--version'], { env: { ...env, OPENCLAW_AGENT_DIR: scratch }, signal, timeoutMs: 60_000 })
    if (r.exitCode !== 0) return undefined
    return /\d{4}\.\d{1,2}\.\d{1,2}(?:-[\w.]+)?/.exec(r.stdout)?.[0]
  } finally {
    await rm(scratch, { recursive: true, force: true })
  }
}

export function resolveStateDatabases(stateDir: string, agentDir: string): string[] {
  return [join(stateDir, 'state', 'openclaw.sqlite'), join(agentDir, 'openclaw-agent.sqlite')]
}

export async function detectOpenclaw({ stateDir, agentDir, override, env = process.env, signal }: {
  stateDir: string
  agentDir: string
  override?: string
  env?: Env
  signal?: AbortSignal
}): Promise<Detection> {
  const databases = await filterExisting(resolveStateDatabases(stateDir, agentDir))
  const jsonPath = resolveJsonStorePath(agentDir)
  const hasJson = (await filterExisting([jsonPath])).length > 0
  const leftoverJson = databases.length > 0 && hasJson ? jsonPath : undefined

  const fromVersion = (version: string, source: 'flag' | 'installed'): Detection => {
    const release = parseRelease(version)
    if (release.store === 'json' && databases.length > 0) {
      throw new CafError(`OpenClaw ${version} keeps credentials in auth-profiles.json, but ${databases[0]} exists: this state dir belongs to a newer OpenClaw; check OPENCLAW_STATE_DIR and OPENCLAW_BIN, or pass --openclaw-version`)
    }
    return { ...release, version, source, leftoverJson: release.store === 'sqlite' ? leftoverJson : undefined }
  }
  if (override) return fromVersion(override, 'flag')
  const installed = await readInstalledVersion(env, signal)
  if (installed) return fromVersion(installed, 'installed')
  // Without a version, the earliest release that keeps what the state dir holds stands for it.
  const earliest = (field: 'store' | 'provider', value: string) => parseRelease(resolveSince(field, value as never) ?? '1970.1.1')
  if (databases.length > 0) return { ...earliest('store', 'sqlite'), source: 'state-dir', leftoverJson }
  if (hasJson) {
    // The ids already in the file tell openai-codex (<= 2026.6.0) from openai (2026.6.1-6.4).
    const providers = new Set(Object.values((await loadJsonStore(jsonPath)).profiles).map((p) => p.provider))
    const release = providers.has('openai') && !providers.has('openai-codex') ? earliest('provider', 'openai') : parseRelease('1970.1.1')
    return { ...release, source: 'state-dir' }
  }
  throw new CafError(`cannot tell which OpenClaw this is: no openclaw to run (set OPENCLAW_BIN) and no credential store in ${stateDir}; pass --openclaw-version X.Y.Z (e.g. 2026.9.6)`)
}

async function filterExisting(paths: string[]): Promise<string[]> {
  const found: string[] = []
  for (const p of paths) {
    try {
      await access(p)
      found.push(p)
    } catch {
      // absent
    }
  }
  return found
}
