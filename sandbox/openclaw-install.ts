// The pinned OpenClaw releases and node@24, installed by .ci/install-tools into a cache folder
// (versions in pins.json), set up the way a real install looks: a bin dir with `node` and
// `openclaw` to put first on PATH, and a loopback guard preloaded so nothing but 127.0.0.1 is
// reached. The demo, the bench and the tests (test/support/tools.ts adds their skip rules) use it.
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, symlink } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { mergeFragment } from '../lib/config-merge.ts'
import { updateConfig } from '../lib/openclaw/config.ts'
import { parseRelease } from '../lib/openclaw/releases.ts'
import { ROOT } from './sandbox.ts'

export const PINS = JSON.parse(readFileSync(join(ROOT, 'pins.json'), 'utf8')) as { openclawLegacy: string; openclawCurrent: string; node24: string }

export function resolveToolsDir(env = process.env): string {
  return env.CAF_TOOLS_DIR ?? join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'codex-auth-fallback', 'tools')
}

export interface OpenclawInstall {
  version: string
  /** A dir holding `node` (node@24) and `openclaw`, to put first on PATH, as a real install looks. */
  binDir: string
  openclaw: string
  node: string
  packageDir: string
  env: NodeJS.ProcessEnv
}

export type Era = 'legacy' | 'current'

export const LOOPBACK_GUARD = join(ROOT, 'sandbox', 'loopback-guard.mjs')

/** Where the release is, or why it is not there. */
export function locateOpenclaw(era: Era): { version: string; packageDir: string; node: string } | { missing: string } {
  const version = era === 'legacy' ? PINS.openclawLegacy : PINS.openclawCurrent
  const dir = resolveToolsDir()
  const packageDir = join(dir, `openclaw-${version}`, 'node_modules', 'openclaw')
  const node = join(dir, `node-${PINS.node24}`, 'node_modules', 'node', 'bin', 'node')
  for (const [what, path] of [[`openclaw@${version}`, join(packageDir, 'openclaw.mjs')], [`node@${PINS.node24}`, node]] as const) {
    if (!existsSync(path)) return { missing: `${what} is not installed in ${dir}; run .ci/install-tools` }
  }
  return { version, packageDir, node }
}

/** The throw-away world a release runs in (a sandbox of sandbox.ts). */
export interface OpenclawWorld {
  root: string
  tmp: string
  stateDir: string
  env: NodeJS.ProcessEnv
}

/**
 * Sets up a bin dir for the release inside the world (or a bare root dir), or says why it cannot.
 * Given a world, it also keeps OpenClaw quiet at start (the config keys of quietConfig) and shares
 * the compile caches OpenClaw keeps under TMPDIR between worlds: a cold one costs 35-100 s a world.
 */
export async function prepareOpenclaw(era: Era, world: string | OpenclawWorld): Promise<OpenclawInstall | { missing: string }> {
  const found = locateOpenclaw(era)
  if ('missing' in found) return found
  const root = typeof world === 'string' ? world : world.root
  const caches = join(resolveToolsDir(), 'cache', found.version)
  if (typeof world !== 'string') {
    await mkdir(join(caches, 'jiti'), { recursive: true })
    // 2026.2.22 transpiles its bundled plugins with jiti into $TMPDIR/jiti (no setting moves it).
    await symlink(join(caches, 'jiti'), join(world.tmp, 'jiti')).catch(() => {})
    await writeQuietConfig(world.env.OPENCLAW_CONFIG_PATH ?? join(world.stateDir, 'openclaw.json'), found.version)
  }
  const binDir = join(root, `bin-${era}`)
  await mkdir(binDir, { recursive: true })
  await symlink(found.node, join(binDir, 'node')).catch(() => {})
  await symlink(join(found.packageDir, 'openclaw.mjs'), join(binDir, 'openclaw')).catch(() => {})
  const openclaw = join(binDir, 'openclaw')
  return {
    ...found,
    binDir,
    openclaw,
    env: {
      PATH: `${binDir}:${process.env.PATH}`,
      OPENCLAW_BIN: openclaw,
      NODE_OPTIONS: `--import=${LOOPBACK_GUARD}`,
      OPENCLAW_DISABLE_BONJOUR: '1',
      OPENCLAW_NO_AUTO_UPDATE: '1',
      DO_NOT_TRACK: '1',
      ...(typeof world === 'string' ? {} : { NODE_COMPILE_CACHE: join(caches, 'compile') }),
    },
  }
}

/**
 * What keeps a release off the network at start: no update check; on 2026.9 also no model catalog
 * refresh and no memory search (it would POST the OAuth token to {base}/embeddings). 2026.2.22
 * rejects the last two keys. The runtime pin that keeps 2026.9 from installing its codex plugin is
 * render-config's, not the sandbox's.
 */
export function resolveQuietConfig(version: string): Record<string, unknown> {
  const current = parseRelease(version).agentRuntime
  return {
    update: { checkOnStart: false },
    ...(current ? { models: { catalogRefresh: { enabled: false } }, memory: { search: { enabled: false } } } : {}),
  }
}

/** Merges the quiet keys into the world's config through the one config write path. */
export async function writeQuietConfig(configPath: string, version: string): Promise<void> {
  await updateConfig(configPath, ({ data }) => ({ data: mergeFragment(structuredClone(data), resolveQuietConfig(version)), result: null }))
}
