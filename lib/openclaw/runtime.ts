// The installed OpenClaw as a program: its bin, its package dir (for the plugin SDK) and the Node it
// runs on. Running it is runner.ts's.
import { readFile, realpath } from 'node:fs/promises'
import { join } from 'node:path'
// zx/core, not zx: zx's index also loads its vendored globby, yaml and fs-extra (0.8 MB), which
// check-and-switch, started every 10 minutes, never uses.
import { which } from 'zx/core'
import { CafError } from '../errors.ts'
import { resolveOpenclawBin } from './detect.ts'
import { locateOpenclawPackage } from './package.ts'
import type { Env } from './state-dir.ts'

export interface OpenclawRuntime {
  bin: string
  packageDir: string
  /** The node OpenClaw's own bin runs on (its shebang), or $OPENCLAW_NODE. */
  node: string
}

export async function resolveOpenclawRuntime(env: Env = process.env): Promise<OpenclawRuntime> {
  const name = resolveOpenclawBin(env)
  const bin = name.includes('/') ? name : await which(name, { nothrow: true, path: env.PATH })
  if (!bin && !env.OPENCLAW_PACKAGE_DIR?.trim()) throw new CafError(`writing into OpenClaw's state database needs the installed OpenClaw (its plugin SDK), and ${name} is not on PATH; set OPENCLAW_BIN`)
  const real = bin ? await realpath(bin).catch(() => undefined) : undefined
  if (bin && !real && !env.OPENCLAW_PACKAGE_DIR?.trim()) throw new CafError(`cannot find OpenClaw at ${bin}; set OPENCLAW_BIN`)
  const pkg = await locateOpenclawPackage(bin ?? name, env)
  if (!pkg) throw new CafError(`${real ?? bin} is neither inside an openclaw package nor a script that runs one; set OPENCLAW_PACKAGE_DIR to the openclaw package (the dir of its package.json), or OPENCLAW_BIN to the openclaw that npm installed`)
  // The node OpenClaw runs on: the one asked for, else the one a wrapper script execs it with, else
  // the shebang of what the bin leads to (npm's symlink to openclaw.mjs).
  const node = env.OPENCLAW_NODE?.trim() || pkg.node || (await resolveShebangNode(pkg.via === 'bin' && real ? real : join(pkg.dir, 'openclaw.mjs'), env))
  return { bin: bin ?? name, packageDir: pkg.dir, node }
}

export async function resolveSdkPath(packageDir: string, entry = './plugin-sdk/provider-auth'): Promise<string> {
  const pkg = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8'))
  const target = pkg.exports?.[entry]
  const file = typeof target === 'string' ? target : target?.import ?? target?.default
  if (!file) throw new CafError(`this OpenClaw (${pkg.version}) has no ${entry.slice(2)} in its plugin SDK; upgrade OpenClaw`)
  return join(packageDir, file)
}

async function resolveShebangNode(file: string, env: Env): Promise<string> {
  const first = (await readFile(file, 'utf8')).split('\n', 1)[0] ?? ''
  const m = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(first)
  const cmd = m?.[1]?.endsWith('/env') ? m[2] : m?.[1]
  if (!cmd || cmd.includes('/')) return cmd || process.execPath
  return (await which(cmd, { nothrow: true, path: env.PATH })) ?? cmd
}
