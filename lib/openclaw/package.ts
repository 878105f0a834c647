// The installed OpenClaw's npm package, found from its bin without running it: its dir (for the
// plugin SDK), its release, and the node it runs on. npm links `openclaw` to openclaw.mjs inside
// the package (a symlink chain: realpath); pnpm and other global installers put a small shell
// script on PATH instead, and people on Node 20 write their own `exec node24 .../openclaw.mjs "$@"`
// because 2026.9 needs Node 24: the entry file such a script execs, and the program it execs it
// with, are read from the script. OPENCLAW_PACKAGE_DIR names the package outright.
import { readFile, realpath, stat } from 'node:fs/promises'
import { dirname, isAbsolute, join, resolve } from 'node:path'
import { which } from 'zx/core' // not zx: see runtime.ts
import { CafError } from '../errors.ts'
import type { Env } from './state-dir.ts'

export interface OpenclawPackage {
  dir: string
  version?: string
  /** The node a wrapper script runs OpenClaw with, when the bin is such a script. */
  node?: string
  /** What led here: the bin itself, a wrapper script, or OPENCLAW_PACKAGE_DIR. */
  via: 'bin' | 'wrapper' | 'env'
}

/** The openclaw package holding file, walking up from it; undefined when there is none. */
export async function findOpenclawPackage(file: string): Promise<{ dir: string; version?: string } | undefined> {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    const pkg = await readPackageJson(dir)
    if (pkg?.name === 'openclaw') return { dir, version: typeof pkg.version === 'string' ? pkg.version : undefined }
  }
  return undefined
}

/** The package behind the bin (a name looked up on env.PATH, or a path); undefined when none is found. */
export async function locateOpenclawPackage(bin: string, env: Env = process.env): Promise<OpenclawPackage | undefined> {
  const found = bin.includes('/') ? bin : await which(bin, { nothrow: true, path: env.PATH })
  const real = found ? await realpath(found).catch(() => undefined) : undefined
  const direct = real ? await findOpenclawPackage(real) : undefined
  const shim = real && !direct ? await readShim(real, env) : undefined
  const explicit = env.OPENCLAW_PACKAGE_DIR?.trim()
  if (explicit) {
    const dir = resolve(explicit)
    const pkg = await readPackageJson(dir)
    if (pkg?.name !== 'openclaw') throw new CafError(`OPENCLAW_PACKAGE_DIR=${dir} is not an openclaw package (no package.json named openclaw there)`)
    // The package is named; the node is still the one the bin runs it with, when the bin says.
    return { dir, version: typeof pkg.version === 'string' ? pkg.version : undefined, node: shim?.node, via: 'env' }
  }
  if (direct) return { ...direct, via: 'bin' }
  return shim ? { ...shim.pkg, node: shim.node, via: 'wrapper' } : undefined
}

/** The release in the package the bin leads into. */
export async function readPackageVersion(bin: string, env: Env = process.env): Promise<string | undefined> {
  const version = (await locateOpenclawPackage(bin, env))?.version
  return version ? /^\d{4}\.\d{1,2}\.\d{1,2}(?:-[\w.]+)?$/.exec(version)?.[0] : undefined
}

const MAX_SHIM_BYTES = 64 * 1024

/**
 * A shell script that execs OpenClaw: each `exec PROGRAM ARGS` line, with $basedir / $(dirname "$0")
 * read as the script's dir; the first whose program exists and one of whose arguments is a file in
 * an openclaw package gives the package and the program (the node).
 */
async function readShim(file: string, env: Env): Promise<{ pkg: { dir: string; version?: string }; node?: string } | undefined> {
  if (((await stat(file).catch(() => undefined))?.size ?? Infinity) > MAX_SHIM_BYTES) return undefined
  const text = await readFile(file, 'utf8').catch(() => '')
  if (!/^#!\s*\S*\b(sh|bash|dash|zsh|ksh)\b/.test(text) && !/^#!\s*\S*\/env\s+(sh|bash|dash|zsh|ksh)\b/.test(text)) return undefined
  const here = dirname(file)
  for (const line of text.split('\n')) {
    const m = /(?:^|[;&|]\s*|\bthen\s+|\belse\s+)exec\s+(.+)$/.exec(line.trim())
    if (!m) continue
    const words = splitWords(expandDir(m[1]!, here)).filter((w) => !/^\$[@*]$|^-/.test(w))
    const [program, ...args] = words
    if (!program) continue
    for (const arg of args) {
      const path = isAbsolute(arg) ? arg : resolve(here, arg)
      const pkg = await findOpenclawPackage(await realpath(path).catch(() => path))
      if (!pkg || !(await isFile(path))) continue
      const node = await resolveProgram(program, here, env)
      if (node) return { pkg, node }
    }
  }
  return undefined
}

function expandDir(text: string, dir: string): string {
  return text
    .replace(/\$\{basedir\}|\$basedir/g, dir)
    .replace(/\$\(\s*dirname\s+(?:--\s+)?"?\$0"?\s*\)/g, dir)
    .replace(/\$\(\s*cd\s+"?\$\(\s*dirname\s+(?:--\s+)?"?\$0"?\s*\)"?\s*(?:&&|;)\s*pwd\s*\)/g, dir)
}

/** Shell words: quotes removed, a trailing comment dropped; enough for the lines a shim has. */
function splitWords(text: string): string[] {
  const words: string[] = []
  for (const m of text.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'|(#.*$)|([^\s"']+)/g)) {
    if (m[3] !== undefined) break
    words.push(m[1] ?? m[2] ?? m[4]!)
  }
  return words
}

async function resolveProgram(program: string, dir: string, env: Env): Promise<string | undefined> {
  if (program.includes('/')) {
    const path = isAbsolute(program) ? program : resolve(dir, program)
    return (await isFile(path)) ? path : undefined
  }
  return (await which(program, { nothrow: true, path: env.PATH })) ?? undefined
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isFile(), () => false)
}

async function readPackageJson(dir: string): Promise<{ name?: unknown; version?: unknown } | undefined> {
  return readFile(join(dir, 'package.json'), 'utf8').then(JSON.parse, () => undefined)
}
