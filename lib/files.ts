// How this tool puts bytes on disk: a temp file beside the target, fsync, rename, fsync the
// directory; timestamped backups; sweeping what a killed writer left. Stores, configs and state go
// through lib/file-update.ts, which uses these under the file's lock.
import { randomBytes } from 'node:crypto'
import { chmod, cp, mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { isPidAlive } from './openclaw/lock.ts'

export const TEMP_MARK = '.caf-tmp-'
export const BACKUP_DIR = '.codex-auth-fallback-backups'
export const KEEP_BACKUPS = 10

/** Creates dir (and parents) with mode 0700; an existing dir keeps its mode. */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 })
}

export async function writeFileAtomic(path: string, data: string | Uint8Array, { mode = 0o600 } = {}): Promise<void> {
  const dir = dirname(path)
  await ensurePrivateDir(dir)
  const tmp = join(dir, `.${basename(path)}${TEMP_MARK}${process.pid}-${randomBytes(4).toString('hex')}`)
  const fh = await open(tmp, 'wx', mode)
  try {
    await fh.writeFile(data)
    await fh.chmod(mode) // the umask may have narrowed or (umask 000) not applied the mode
    await fh.sync()
  } catch (err) {
    await fh.close()
    await rm(tmp, { force: true })
    throw err
  }
  await fh.close()
  try {
    await rename(tmp, path)
  } catch (err) {
    await rm(tmp, { force: true })
    throw err
  }
  await syncDir(dir)
  await sweepDeadTemps(path)
}

/** The rename is durable only once the directory entry is on disk too. */
async function syncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r')
  try {
    await fh.sync()
  } finally {
    await fh.close()
  }
}

/**
 * Removes temp files a killed writer of ours left in path's directory (`.<name>.caf-tmp-<pid>-<hex>`
 * whose pid is gone), so a crash costs at most one leftover until the next successful write there.
 */
export async function sweepDeadTemps(path: string): Promise<string[]> {
  const removed: string[] = []
  for (const name of await readdir(dirname(path)).catch(() => [] as string[])) {
    const at = name.indexOf(TEMP_MARK)
    if (!name.startsWith('.') || at < 0) continue
    const pid = Number(name.slice(at + TEMP_MARK.length).split('-')[0])
    if (pid === process.pid || isPidAlive(pid)) continue
    await rm(join(dirname(path), name), { force: true })
    removed.push(name)
  }
  return removed
}

/**
 * Puts a copy of the directory `source` at `target`, replacing what was there: copied whole into a
 * temp dir beside target first (where `prepare` may add to it), then swapped in by two renames, so
 * a reader (OpenClaw's skill loader) finds the old copy or the new one, never half of one.
 */
export async function replaceDirectory(source: string, target: string, { prepare }: { prepare?: (dir: string) => Promise<void> } = {}): Promise<void> {
  await mkdir(dirname(target), { recursive: true })
  const mark = `${TEMP_MARK}${process.pid}-${randomBytes(4).toString('hex')}`
  const fresh = join(dirname(target), `.${basename(target)}${mark}`)
  const old = join(dirname(target), `.${basename(target)}${mark}-old`)
  try {
    await cp(source, fresh, { recursive: true })
    await prepare?.(fresh)
    await rename(target, old).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err
    })
    await rename(fresh, target).catch(async (err) => {
      await rename(old, target).catch(() => {})
      throw err
    })
  } finally {
    await rm(fresh, { recursive: true, force: true })
  }
  await rm(old, { recursive: true, force: true })
  await syncDir(dirname(target))
}

/**
 * Copies path into <dir>/.codex-auth-fallback-backups/<name>.<timestamp> (0600, dir 0700) and keeps
 * the newest `keep`. Returns the backup's path, or undefined when there was nothing to back up.
 */
export async function backupFile(path: string, { keep = KEEP_BACKUPS, now = new Date() } = {}): Promise<string | undefined> {
  try {
    await stat(path)
  } catch {
    return undefined
  }
  const dir = join(dirname(path), BACKUP_DIR)
  await ensurePrivateDir(dir)
  await chmod(dir, 0o700)
  const stamp = now.toISOString().replace(/[:.]/g, '-')
  let target = join(dir, `${basename(path)}.${stamp}`)
  for (let n = 1; await exists(target); n++) target = join(dir, `${basename(path)}.${stamp}.${n}`)
  // Written like any other file of ours, so a crash mid-copy leaves no half backup behind.
  await writeFileAtomic(target, await readFile(path))
  await pruneBackups(path, keep)
  return target
}

export async function listBackups(path: string): Promise<string[]> {
  const dir = join(dirname(path), BACKUP_DIR)
  const prefix = `${basename(path)}.`
  let names: string[]
  try {
    names = await readdir(dir)
  } catch {
    return []
  }
  // ISO timestamps sort lexically; the .n suffix of a same-millisecond copy sorts after its twin.
  return names.filter((n) => n.startsWith(prefix) && /^\d{4}-/.test(n.slice(prefix.length))).sort().map((n) => join(dir, n))
}

async function pruneBackups(path: string, keep: number): Promise<void> {
  const all = await listBackups(path)
  for (const old of all.slice(0, Math.max(0, all.length - keep))) await rm(old, { force: true })
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path)
    return true
  } catch {
    return false
  }
}
