// The only place that prints, asks, and picks an exit code. Tasks call runTask with their spec
// (lib/task-spec.ts) and a handler; lib code reports through the TaskIo it is given.
import { CafError, Declined, Interrupted } from './errors.ts'
import { listWrites } from './file-update.ts'
import { redact } from './secrets.ts'
import { formatHelp, parseTaskArgs, type Parsed, type TaskSpec } from './task-spec.ts'

export type { Parsed } from './task-spec.ts'

export interface TaskIo {
  readonly json: boolean
  readonly interactive: boolean
  /** Colour on stdout: a terminal, no --json, and no NO_COLOR. */
  readonly color: boolean
  /** Aborted on SIGINT/SIGTERM; reason is the signal name. */
  readonly signal: AbortSignal
  /** A progress line for the human (stderr, so stdout stays clean for --json and cron). */
  info(line: string): void
  /**
   * A line about the situation (which OpenClaw, which store): printed just before whatever the task
   * shows next, and dropped when it fails first, so a refused input is the one line of its error.
   */
  context(line: string): void
  warn(line: string): void
  /** Resolves true to go on; throws Declined without a TTY unless yes. */
  confirm(question: string, opts: { yes: boolean }): Promise<boolean>
  spinner<T>(title: string, fn: () => Promise<T>): Promise<T>
}

export interface Report {
  data: unknown
  /** Human lines for stdout; empty prints nothing (check-and-switch's "no change"). */
  lines: string[]
  /** A finding that is not an error but still a non-zero exit (doctor's failed checks); default 0. */
  exitCode?: number
}

export async function runTask<const S extends TaskSpec>(
  spec: S,
  handler: (opts: Parsed<S>, io: TaskIo) => Promise<Report | void>,
  argv = process.argv.slice(2),
): Promise<void> {
  const controller = new AbortController()
  const onSignal = (sig: 'SIGINT' | 'SIGTERM') => controller.abort(sig)
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  let json = false
  const held: string[] = []
  try {
    const parsed = parseTaskArgs(spec, argv)
    if (parsed.help) {
      process.stdout.write(`${formatHelp(spec).join('\n')}\n`)
      return
    }
    json = Boolean((parsed.flags as { json?: boolean }).json)
    const report = await handler(parsed, createIo({ json, signal: controller.signal, held }))
    // A signal the last step did not look at still stops the task: its exit code says so.
    if (controller.signal.aborted) throw new Interrupted(controller.signal.reason)
    flushContext(held)
    if (report) {
      printReport(report, json)
      if (report.exitCode) process.exitCode = report.exitCode
    }
  } catch (err) {
    if (process.env.DEBUG === '1') flushContext(held)
    process.exitCode = printError(spec.name, err, controller.signal)
  } finally {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}

function flushContext(held: string[]): void {
  for (const line of held.splice(0)) process.stderr.write(`${redact(line)}\n`)
}

function createIo({ json, signal, held }: { json: boolean; signal: AbortSignal; held: string[] }): TaskIo {
  const interactive = Boolean(process.stdin.isTTY && process.stderr.isTTY)
  return {
    json,
    interactive,
    color: Boolean(process.stdout.isTTY) && !json && !process.env.NO_COLOR,
    signal,
    info: (line) => {
      flushContext(held)
      process.stderr.write(`${redact(line)}\n`)
    },
    warn: (line) => {
      flushContext(held)
      process.stderr.write(`! ${redact(line)}\n`)
    },
    context: (line) => void held.push(line),
    async confirm(question, { yes }) {
      if (yes) return true
      if (!interactive) throw new Declined(`${question.replace(/\?$/, '')}: needs confirmation and there is no terminal to ask on; pass --yes`)
      flushContext(held)
      const { confirm } = await import('@inquirer/prompts')
      try {
        if (await confirm({ message: question, default: false }, { signal })) return true
      } catch (err) {
        if (signal.aborted) throw new Interrupted(signal.reason)
        throw err
      }
      throw new Declined('cancelled; nothing was changed')
    },
    spinner: async <T>(title: string, fn: () => Promise<T>) => {
      if (!process.stderr.isTTY || json) return fn()
      flushContext(held)
      // Loaded only for a terminal: zx's index brings 0.8 MB of vendored modules a cron run never needs.
      const { spinner } = await import('zx')
      return spinner(title, fn) as Promise<T>
    },
  }
}

function printReport(report: Report, json: boolean): void {
  if (json) process.stdout.write(`${redact(JSON.stringify(report.data, null, 2))}\n`)
  else for (const line of report.lines) process.stdout.write(`${redact(line)}\n`)
}

function printError(name: string, thrown: unknown, signal: AbortSignal): number {
  // Interrupted: say what had been written in full before the signal (the journal of file-update.ts).
  const interrupted = thrown instanceof Interrupted || (signal.aborted && !(thrown instanceof CafError))
  const err = interrupted ? new Interrupted(thrown instanceof Interrupted ? thrown.signal : signal.reason, listWrites()) : thrown
  const known = err instanceof CafError
  const message = known ? err.message : `${name} failed: ${(err as Error)?.message ?? String(err)}`
  process.stderr.write(`✗ ${redact(message.split('\n')[0]!)}\n`)
  if (process.env.DEBUG === '1' && err instanceof Error) process.stderr.write(`${redact(err.stack ?? '')}\n`)
  return known ? err.exitCode : 1
}
