// The one way this tool changes a file it shares with OpenClaw or with its own later runs (the JSON
// auth store, openclaw.json, cron/jobs.json, check-and-switch's state file): take the file's lock,
// re-read it, hand it to an updater, and only when the bytes differ back it up, write a temp file
// beside it (0600 unless the kind says otherwise), fsync, rename, fsync the directory. A reader (the
// gateway hot-reloads these files) sees the old bytes or the new, never a mix; two writers, ours or
// OpenClaw's, never lose each other's change, because each changes what it re-read under the lock.
import { open, stat } from 'node:fs/promises'
import { BadFile, Interrupted } from './errors.ts'
import { backupFile, writeFileAtomic } from './files.ts'
import { withFileLock, type LockOptions } from './openclaw/lock.ts'

/** How one kind of file is read, written and guarded. */
export interface FileKind<D> {
  /** What the file is, in messages: "auth store", "config". */
  label: string
  /** Reads the text; throws a one-line BadFile for anything that is not this kind of file. */
  parse(text: string, path: string): D
  /** What a missing file stands for. */
  empty(): D
  /** The exact bytes to write for data (and to compare with the file's, to skip a no-op write). */
  format(data: D): string
  /** 'keep': the file's own mode (0600 for a new file); a number: always that mode. Default 0600. */
  mode?: number | 'keep'
  /** Timestamped copy of the old file before each write (newest 10 kept). Default true. */
  backups?: boolean
  /** Files larger than this are refused before they are read (a BadFile naming the size). */
  maxBytes?: number
  /** Checked before the lock is taken; throws to refuse the path (a symlinked config, say). */
  assertWritable?(path: string): Promise<void>
  lock?: LockOptions
}

export interface Loaded<D> {
  path: string
  /** The file's bytes as text; undefined when there is no file yet. */
  text?: string
  data: D
}

export interface UpdateOutcome<T> {
  result: T
  written: boolean
  backupPath?: string
}

export interface UpdateOptions {
  /** Aborted (Ctrl-C, SIGTERM): a write not yet begun is not begun; the updater's children stop. */
  signal?: AbortSignal
  /** Called when another writer holds the lock and this update waits for it. */
  onLockWait?: () => void
}

/** Returns the new data (or none: no change) and a result; throws to refuse, and nothing is written. */
export type Updater<D, T> = (current: Loaded<D>) => Promise<{ data?: D; result: T }> | { data?: D; result: T }

export async function loadFile<D>(path: string, kind: FileKind<D>): Promise<Loaded<D>> {
  const text = await readText(path, kind)
  return text === undefined ? { path, data: kind.empty() } : { path, text, data: kind.parse(text, path) }
}

export async function updateFile<D, T>(
  path: string,
  kind: FileKind<D>,
  update: Updater<D, T>,
  { signal, onLockWait }: UpdateOptions = {},
): Promise<UpdateOutcome<T>> {
  await kind.assertWritable?.(path)
  return withFileLock(path, async () => {
    const current = await loadFile(path, kind)
    const { data, result } = await update(current)
    const text = data === undefined ? undefined : kind.format(data)
    if (text === undefined || text === current.text) return { result, written: false }
    // The last moment a Ctrl-C can still mean "nothing was written".
    if (signal?.aborted) throw new Interrupted(signal.reason)
    const mode = kind.mode === 'keep' ? await readMode(path) : kind.mode ?? 0o600
    const backupPath = kind.backups === false ? undefined : await backupFile(path)
    await writeFileAtomic(path, text, { mode })
    recordWrite(path)
    return { result, written: true, backupPath }
  }, { ...kind.lock, onWait: onLockWait })
}

const written: string[] = []

/** Files this process has changed so far (for the message of an interrupted task). */
export function listWrites(): readonly string[] {
  return written
}

/** Notes a change made elsewhere (OpenClaw's SDK writing its database for us). */
export function recordWrite(path: string): void {
  if (!written.includes(path)) written.push(path)
}

async function readText(path: string, { label, maxBytes = Infinity }: Pick<FileKind<unknown>, 'label' | 'maxBytes'>): Promise<string | undefined> {
  let fh
  try {
    fh = await open(path, 'r')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw new BadFile(path, `cannot read it (${(err as NodeJS.ErrnoException).code ?? 'error'})`, { cause: err })
  }
  try {
    const { size } = await fh.stat()
    if (size > maxBytes) {
      throw new BadFile(path, `is ${(size / 2 ** 20).toFixed(1)} MB, far beyond any ${label} (this tool reads at most ${maxBytes / 2 ** 20} MB); see what filled it, or restore it from a backup`)
    }
    return await fh.readFile('utf8')
  } catch (err) {
    if (err instanceof BadFile) throw err
    throw new BadFile(path, `cannot read it (${(err as NodeJS.ErrnoException).code ?? 'error'})`, { cause: err })
  } finally {
    await fh.close()
  }
}

async function readMode(path: string): Promise<number> {
  return stat(path).then((s) => s.mode & 0o777, () => 0o600)
}
