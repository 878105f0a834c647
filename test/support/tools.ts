// The pinned OpenClaw releases and node@24, installed by .ci/install-tools into a cache folder.
// A test that needs one calls requireOpenclaw(): outside CI a missing install is a printed skip
// reason; under CI (which installs them) it is a failure, so CI never skips silently.
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, symlink } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { ROOT } from './sandbox.ts'
import { recordOutput } from './record.ts'

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

/** Where the release would be; undefined (with the reason) when it is not installed. */
export function locateOpenclaw(era: Era): { version: string; packageDir: string; node: string } | { skip: string } {
  const version = era === 'legacy' ? PINS.openclawLegacy : PINS.openclawCurrent
  const dir = resolveToolsDir()
  const packageDir = join(dir, `openclaw-${version}`, 'node_modules', 'openclaw')
  const node = join(dir, `node-${PINS.node24}`, 'node_modules', 'node', 'bin', 'node')
  for (const [what, path] of [[`openclaw@${version}`, join(packageDir, 'openclaw.mjs')], [`node@${PINS.node24}`, node]] as const) {
    if (!existsSync(path)) return { skip: `${what} is not installed in ${dir}; run .ci/install-tools` }
  }
  return { version, packageDir, node }
}

/** Sets up a bin dir for the release inside `root`, or returns the skip reason. Under CI, throws instead. */
export async function requireOpenclaw(era: Era, root: string): Promise<OpenclawInstall | { skip: string }> {
  const found = locateOpenclaw(era)
  if ('skip' in found) return { skip: reportSkip(found.skip) }
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
      NODE_OPTIONS: `--import=${join(ROOT, 'test', 'support', 'loopback-guard.mjs')}`,
      OPENCLAW_DISABLE_BONJOUR: '1',
      OPENCLAW_NO_AUTO_UPDATE: '1',
      DO_NOT_TRACK: '1',
    },
  }
}

/** Runs the installed OpenClaw inside the sandbox's environment; its output joins the token scan. */
export async function runOpenclaw(install: OpenclawInstall, sb: { env: NodeJS.ProcessEnv; output: string[] }, args: string[], env: NodeJS.ProcessEnv = {}) {
  const { spawn } = await import('node:child_process')
  const child = spawn(install.openclaw, args, { env: { ...sb.env, ...install.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d) => (stdout += d))
  child.stderr.on('data', (d) => (stderr += d))
  const code = await new Promise<number | null>((r) => child.on('close', r))
  sb.output.push(stdout, stderr)
  recordOutput(stdout, stderr)
  return { code, stdout, stderr, json: () => JSON.parse(stdout) }
}

/** Text of OpenClaw's own log folder (it prefers /tmp/openclaw), for the token scan. */
export async function readOpenclawLogs(dirs = ['/tmp/openclaw']): Promise<string> {
  const { readdir, readFile } = await import('node:fs/promises')
  let text = ''
  for (const dir of dirs) {
    for (const name of await readdir(dir).catch(() => [] as string[])) text += await readFile(join(dir, name), 'utf8').catch(() => '')
  }
  return text
}

/** For `test(name, { skip }, ...)`: false when the release is installed, else the printed reason (CI: throws). */
export async function probeOpenclaw(era: Era): Promise<string | false> {
  const found = locateOpenclaw(era)
  return 'skip' in found ? reportSkip(found.skip) : false
}

function reportSkip(reason: string): string {
  if (process.env.CI) throw new Error(`CI must install the pinned tools: ${reason}`)
  process.stderr.write(`# SKIP: ${reason}\n`)
  return reason
}
