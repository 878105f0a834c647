// How this tool runs another program (OpenClaw's CLI, its SDK bridge, codex, a node): arguments as an
// array (no shell), input on stdin (tokens travel there, never in argv), a timeout, and an
// AbortSignal. The child gets a process group of its own, so a Ctrl-C or SIGTERM to us, or the
// timeout, stops it and everything it started; a failed run is a value, an interrupted one a throw.
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { Interrupted } from './errors.ts'

export interface ChildResult {
  ok: boolean
  /** The exit code; 127 when the program does not exist, 126 when it cannot be run, null when killed. */
  exitCode: number | null
  stdout: string
  stderr: string
  timedOut: boolean
}

export interface ChildOptions {
  env?: Record<string, string | undefined>
  /**
   * Written to stdin, then stdin is closed; without it stdin is closed at once. A promise is written
   * when it resolves (the child starts its work first: the SDK bridge loads OpenClaw meanwhile);
   * if it rejects, stdin is closed empty and the child is stopped.
   */
  input?: string | Promise<string>
  signal?: AbortSignal
  timeoutMs?: number
  /** Each line of stdout and stderr as it comes (codex prints the device code there). */
  onLine?: (line: string) => void
}

/** How long a stopped child has after SIGTERM before its group gets SIGKILL. */
const KILL_GRACE_MS = 3_000

export async function runChild(command: string, args: readonly string[], { env = process.env, input, signal, timeoutMs, onLine }: ChildOptions = {}): Promise<ChildResult> {
  if (signal?.aborted) throw new Interrupted(signal.reason)
  const child = spawn(command, args, { env: env as NodeJS.ProcessEnv, stdio: ['pipe', 'pipe', 'pipe'], detached: true })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
  if (onLine) for (const stream of [child.stdout, child.stderr]) createInterface({ input: stream }).on('line', onLine)
  child.stdin.on('error', () => {}) // a child that exits without reading its input
  let cancelled = false
  if (typeof input === 'object') {
    input.then((text) => child.stdin.end(text), () => {
      cancelled = true
      child.stdin.end()
      signalGroup(child.pid, 'SIGTERM')
    })
  } else child.stdin.end(input ?? '')

  let stopped: 'timeout' | 'signal' | undefined
  let killTimer: NodeJS.Timeout | undefined
  const stop = (why: 'timeout' | 'signal') => {
    if (stopped || child.exitCode !== null) return
    stopped = why
    signalGroup(child.pid, 'SIGTERM')
    killTimer = setTimeout(() => signalGroup(child.pid, 'SIGKILL'), KILL_GRACE_MS)
  }
  const onAbort = () => stop('signal')
  signal?.addEventListener('abort', onAbort, { once: true })
  const timer = timeoutMs ? setTimeout(() => stop('timeout'), timeoutMs) : undefined

  const exit = await new Promise<{ code: number | null; spawnError?: NodeJS.ErrnoException }>((resolve) => {
    child.on('error', (err: NodeJS.ErrnoException) => resolve({ code: null, spawnError: err }))
    child.on('close', (code) => resolve({ code }))
  })
  clearTimeout(timer)
  clearTimeout(killTimer)
  signal?.removeEventListener('abort', onAbort)
  // Whatever the child left running in its group goes with it.
  if (stopped) signalGroup(child.pid, 'SIGKILL')
  if (stopped === 'signal') throw new Interrupted(signal!.reason)
  // The input never came (the caller gave up): the caller's own error says why.
  if (cancelled) return { ok: false, exitCode: exit.code, stdout, stderr, timedOut: false }
  if (exit.spawnError) {
    const missing = exit.spawnError.code === 'ENOENT'
    return { ok: false, exitCode: missing ? 127 : 126, stdout, stderr: `${command}: ${missing ? 'No such file or directory' : exit.spawnError.message}`, timedOut: false }
  }
  return { ok: exit.code === 0 && !stopped, exitCode: exit.code, stdout, stderr, timedOut: stopped === 'timeout' }
}

function signalGroup(pid: number | undefined, sig: NodeJS.Signals): void {
  if (!pid) return
  try {
    process.kill(-pid, sig)
  } catch {
    // the group is gone already
  }
}
