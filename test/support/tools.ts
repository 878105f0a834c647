// The pinned OpenClaw releases for a test (sandbox/openclaw-install.ts finds them). A test that
// needs one calls requireOpenclaw(): outside CI a missing install is a printed skip reason; under
// CI (which installs them) it is a failure, so CI never skips silently.
import { spawn } from 'node:child_process'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { locateOpenclaw, prepareOpenclaw, type Era, type OpenclawInstall, type OpenclawWorld } from '../../sandbox/openclaw-install.ts'
import { recordOutput } from './record.ts'

export { PINS, locateOpenclaw, type Era, type OpenclawInstall } from '../../sandbox/openclaw-install.ts'

/** Sets up a bin dir for the release inside `root`, or returns the skip reason. Under CI, throws instead. */
export async function requireOpenclaw(era: Era, world: string | OpenclawWorld): Promise<OpenclawInstall | { skip: string }> {
  const install = await prepareOpenclaw(era, world)
  return 'missing' in install ? { skip: reportSkip(install.missing) } : install
}

/** For `test(name, { skip }, ...)`: false when the release is installed, else the printed reason (CI: throws). */
export async function probeOpenclaw(era: Era): Promise<string | false> {
  const found = locateOpenclaw(era)
  return 'missing' in found ? reportSkip(found.missing) : false
}

/** Runs the installed OpenClaw inside the sandbox's environment; its output joins the token scan. */
export async function runOpenclaw(install: OpenclawInstall, sb: { env: NodeJS.ProcessEnv; output: string[] }, args: string[], env: NodeJS.ProcessEnv = {}, { input }: { input?: string } = {}) {
  const child = spawn(install.openclaw, args, { env: { ...sb.env, ...install.env, ...env }, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] })
  if (input !== undefined) child.stdin!.end(input)
  let stdout = ''
  let stderr = ''
  child.stdout!.on('data', (d) => (stdout += d))
  child.stderr!.on('data', (d) => (stderr += d))
  const code = await new Promise<number | null>((r) => child.on('close', r))
  sb.output.push(stdout, stderr)
  recordOutput(stdout, stderr)
  return { code, stdout, stderr, json: () => JSON.parse(stdout) }
}

/** Text of OpenClaw's own log folder (it prefers /tmp/openclaw), for the token scan. */
export async function readOpenclawLogs(dirs = ['/tmp/openclaw']): Promise<string> {
  let text = ''
  for (const dir of dirs) {
    for (const name of await readdir(dir).catch(() => [] as string[])) text += await readFile(join(dir, name), 'utf8').catch(() => '')
  }
  return text
}

function reportSkip(reason: string): string {
  if (process.env.CI) throw new Error(`CI must install the pinned tools: ${reason}`)
  process.stderr.write(`# SKIP: ${reason}\n`)
  return reason
}
