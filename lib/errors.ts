// Errors a user sees. Every message is one line that says what happened and what to do next;
// lib code throws these, and lib/cli.ts is the only place that prints them and picks the exit code.

export class CafError extends Error {
  readonly exitCode: number = 1
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = new.target.name
  }
}

/** Bad command line or bad profile name: exit 2, nothing touched. */
export class UsageError extends CafError {
  override readonly exitCode = 2
}

/** The user (or a missing TTY) declined: exit 1, nothing touched. */
export class Declined extends CafError {}

/**
 * Ctrl-C or SIGTERM reached a running step; exit code follows the shell convention 128+n. `written`
 * names what was changed (in full) before it: every write is atomic, so nothing is half written.
 */
export class Interrupted extends CafError {
  override readonly exitCode: number
  readonly signal: 'SIGINT' | 'SIGTERM'
  constructor(signal: 'SIGINT' | 'SIGTERM', written: readonly string[] = []) {
    super(`interrupted by ${signal}; ${written.length ? `written in full before it: ${written.join(', ')}; nothing else was changed` : 'nothing was written'}`)
    this.signal = signal
    this.exitCode = signal === 'SIGINT' ? 130 : 143
  }
}

/** A file we read is not what it should be (bad JSON, wrong shape). Names the file. */
export class BadFile extends CafError {
  readonly path: string
  constructor(path: string, problem: string, options?: { cause?: unknown }) {
    super(`${path}: ${problem}`, options)
    this.path = path
  }
}
