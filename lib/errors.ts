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

/** Ctrl-C or SIGTERM reached a running step; exit code follows the shell convention 128+n. */
export class Interrupted extends CafError {
  override readonly exitCode: number
  constructor(signal: 'SIGINT' | 'SIGTERM') {
    super(`interrupted by ${signal}; nothing was written`)
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
