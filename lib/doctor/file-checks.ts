// Checks of what this tool leaves on disk: backups beyond the number it keeps (each one a copy of
// the credentials of its day), temp files a killed write left, and locks nobody holds any more.
import { quoteShellArg } from '../cron-job.ts'
import { KEEP_BACKUPS } from '../files.ts'
import type { Check } from './snapshot.ts'

export const checkBackups: Check = ({ files }) => {
  const over = files.backups.filter((b) => b.paths.length > KEEP_BACKUPS)
  if (over.length === 0) return { id: 'backups', level: 'ok', message: `no more than ${KEEP_BACKUPS} backups of any file` }
  const extra = over.flatMap((b) => b.paths.slice(0, b.paths.length - KEEP_BACKUPS))
  return {
    id: 'backups',
    level: 'warn',
    message: `more backups than the ${KEEP_BACKUPS} kept: ${over.map((b) => `${b.paths.length} of ${b.file}`).join(', ')}; the ${extra.length} oldest are old copies of credentials`,
    fix: resolveRemoveCommand(extra),
  }
}

export const checkTempFiles: Check = ({ files }) => {
  if (files.temps.length === 0) return { id: 'temp-files', level: 'ok', message: 'no temp files left by an interrupted write' }
  return {
    id: 'temp-files',
    level: 'warn',
    message: `${files.temps.length} temp file(s) left by an interrupted write (the file itself is whole): ${files.temps.join(', ')}`,
    fix: resolveRemoveCommand(files.temps),
  }
}

export const checkStaleLocks: Check = ({ files }) => {
  if (files.staleLocks.length === 0) return { id: 'stale-locks', level: 'ok', message: 'no stale locks' }
  return {
    id: 'stale-locks',
    level: 'warn',
    message: `stale lock(s) whose writer is gone: ${files.staleLocks.join(', ')} (the next writer removes them; harmless until then)`,
    fix: resolveRemoveCommand(files.staleLocks),
  }
}

export const FILE_CHECKS: Check[] = [checkBackups, checkTempFiles, checkStaleLocks]

function resolveRemoveCommand(paths: string[]): string {
  return `rm -- ${paths.map(quoteShellArg).join(' ')}`
}
