// The pinned OpenClaw releases and node@24, installed by .ci/install-tools into a cache folder
// (versions in pins.json), set up the way a real install looks: a bin dir with `node` and
// `openclaw` to put first on PATH, and a loopback guard preloaded so nothing but 127.0.0.1 is
// reached. The demo, the bench and the tests (test/support/tools.ts adds their skip rules) use it.
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, symlink } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'
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

/** Sets up a bin dir for the release inside `root`, or says why it cannot. */
export async function prepareOpenclaw(era: Era, root: string): Promise<OpenclawInstall | { missing: string }> {
  const found = locateOpenclaw(era)
  if ('missing' in found) return found
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
    },
  }
}
