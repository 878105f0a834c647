// What this tool has left beside the files it writes: backups, temp files, locks. Read only.
import { readdir, realpath, stat } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { TEMP_MARK, listBackups } from '../files.ts'
import { LOCK_STALE_MS, isPidAlive, isStaleLock } from '../openclaw/lock.ts'
import type { BackupSet, DoctorFiles } from './snapshot.ts'

/** files: every file of ours that gets backups, temp files or a lock (store, config, jobs.json, state file). */
export async function loadDoctorFiles({ files, now = Date.now() }: { files: string[]; now?: number }): Promise<DoctorFiles> {
  const backups: BackupSet[] = []
  for (const file of files) {
    const paths = await listBackups(file)
    if (paths.length) backups.push({ file, paths })
  }
  const temps: string[] = []
  for (const dir of new Set(files.map(dirname))) temps.push(...(await listLeftoverTemps(dir, now)))
  const staleLocks: string[] = []
  for (const file of files) {
    const lock = join(await realpath(dirname(file)).catch(() => dirname(file)), `${basename(file)}.lock`)
    if ((await stat(lock).catch(() => undefined)) && (await isStaleLock(lock, LOCK_STALE_MS, now))) staleLocks.push(lock)
  }
  return { backups, temps, staleLocks }
}

/**
 * Temp files of ours (`.<name>.caf-tmp-<pid>-<hex>`) whose writer is gone. One whose name holds no
 * pid counts once it is older than a lock would be: a write in progress takes well under a second.
 */
async function listLeftoverTemps(dir: string, now: number): Promise<string[]> {
  const found: string[] = []
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const at = name.indexOf(TEMP_MARK)
    if (at < 0) continue
    const path = join(dir, name)
    const pid = Number(name.slice(at + TEMP_MARK.length).split('-')[0])
    if (Number.isInteger(pid) && pid > 0) {
      if (!isPidAlive(pid)) found.push(path)
      continue
    }
    const mtime = (await stat(path).catch(() => undefined))?.mtimeMs
    if (mtime !== undefined && now - mtime > LOCK_STALE_MS) found.push(path)
  }
  return found
}
