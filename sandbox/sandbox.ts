// A throw-away world for one test or the demo: an OpenClaw state dir, a HOME, a user CODEX_HOME
// holding a login of "the user's own" that must stay byte-identical, and a TMPDIR so the private
// login homes the tool creates can be seen (and seen gone).
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = fileURLToPath(new URL('..', import.meta.url))

export interface Sandbox {
  root: string
  stateDir: string
  home: string
  codexHome: string
  tmp: string
  env: NodeJS.ProcessEnv
  /** Every stdout/stderr byte produced by tools run in this sandbox, for the token scan. */
  output: string[]
  run(task: string, args: string[], opts?: RunOptions): Promise<RunResult>
  /**
   * path -> sha256 of every file below dir (for byte-identical checks). With `full`, directories,
   * symlinks (as their target) and modes are recorded too: a link replaced by a file, or an empty
   * directory made by a refused command, shows up.
   */
  snapshot(dir: string, opts?: { full?: boolean }): Promise<Record<string, string>>
  cleanup(): Promise<void>
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv
  /** Called with each chunk of stderr; return true once to get the child process back early. */
  onStderr?: (text: string, child: ReturnType<typeof spawn>) => void
  input?: string
  /** Gets the child as soon as it is started (to signal it at a moment the test chooses). */
  onSpawn?: (child: ReturnType<typeof spawn>) => void
  /** Copy the child's output to ours as it comes (the demo). */
  echo?: boolean
}

export interface RunResult {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

export async function createSandbox(extraEnv: NodeJS.ProcessEnv = {}, { onOutput }: { onOutput?: (...texts: string[]) => void } = {}): Promise<Sandbox> {
  const root = await mkdtemp(join(tmpdir(), 'caf-sandbox-'))
  const stateDir = join(root, 'openclaw')
  const home = join(root, 'home')
  const codexHome = join(home, '.codex')
  const tmp = join(root, 'tmp')
  for (const d of [stateDir, codexHome, tmp]) await mkdir(d, { recursive: true, mode: 0o700 })
  // The user's own codex login: never to be read, written or revoked by the tool.
  await writeFile(join(codexHome, 'auth.json'), '{"auth_mode":"chatgpt","tokens":{"refresh_token":"users-own-login"}}\n', { mode: 0o600 })
  const output: string[] = []
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    CODEX_HOME: codexHome,
    TMPDIR: tmp,
    OPENCLAW_STATE_DIR: stateDir,
    OPENCLAW_CONFIG_PATH: join(stateDir, 'openclaw.json'),
    OPENCLAW_BIN: join(root, 'no-openclaw-here'),
    // The usage endpoint: a loopback port nothing listens on, unless a test starts the Codex backend.
    CHATGPT_BASE_URL: 'http://127.0.0.1:9/backend-api',
    NO_COLOR: '1',
    ...extraEnv,
  }
  delete env.DEBUG

  async function run(task: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'tasks', `${task}.ts`), ...args], {
      cwd: ROOT,
      env: { ...env, ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    opts.onSpawn?.(child)
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => {
      stdout += d
      if (opts.echo) process.stdout.write(d)
    })
    child.stderr.on('data', (d) => {
      stderr += d
      if (opts.echo) process.stderr.write(d)
      opts.onStderr?.(stderr, child)
    })
    child.stdin.end(opts.input ?? '')
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((r) => child.on('close', (c, s) => r([c, s])))
    output.push(stdout, stderr)
    onOutput?.(stdout, stderr)
    return { code, signal, stdout, stderr }
  }

  async function snapshot(dir: string, { full = false } = {}): Promise<Record<string, string>> {
    const out: Record<string, string> = {}
    async function walk(d: string) {
      for (const e of await readdir(d, { withFileTypes: true }).catch(() => [])) {
        const p = join(d, e.name)
        const mode = full ? `${((await lstat(p)).mode & 0o7777).toString(8)} ` : ''
        if (full && e.isSymbolicLink()) out[relative(dir, p)] = `symlink -> ${await readlink(p)}`
        else if (e.isDirectory()) {
          if (full) out[`${relative(dir, p)}/`] = `${mode}dir`
          await walk(p)
        } else out[relative(dir, p)] = `${mode}${createHash('sha256').update(await readFile(p)).digest('hex')}`
      }
    }
    await walk(dir)
    return out
  }

  return { root, stateDir, home, codexHome, tmp, env, output, run, snapshot, cleanup: () => rm(root, { recursive: true, force: true }) }
}

/** Finds any token, or any 12-character (or `piece`) piece of one, in text. Returns a description, never the token. */
export function findTokenLeak(text: string, tokens: readonly string[], piece = 12): string | undefined {
  for (const [i, t] of tokens.entries()) {
    for (let k = 0; k + piece <= t.length; k += 1) {
      if (text.includes(t.slice(k, k + piece))) return `token #${i} (a piece at offset ${k})`
    }
  }
  return undefined
}
