// OpenClaw's own file-lock protocol (src/plugin-sdk/file-lock.ts, read in the 2026.2.22 dist), so a
// running gateway and this tool never lose each other's updates of auth-profiles.json:
// `<realpath(dir)>/<name>.lock` opened 'wx' holding {pid, createdAt}; a lock whose pid is dead, or
// older than 30 s by createdAt or mtime, is stale and removed; otherwise retry with backoff.
import { readFileSync } from 'node:fs'
import { mkdir, open, readFile, realpath, rm, rmdir, stat } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { CafError } from '../errors.ts'

export const LOCK_STALE_MS = 30_000

export interface LockOptions {
  /** Attempts after the first. OpenClaw uses 10; we allow a little more patience than the gateway. */
  retries?: number
  minDelayMs?: number
  maxDelayMs?: number
  staleMs?: number
  /** Called once, when the lock is first found held by a live writer (so we are about to wait). */
  onWait?: () => void
}

/** `<realpath(dir)>/<name>.lock`, creating the directory (0700) when it is missing. */
export async function prepareLockPath(file: string): Promise<string> {
  return (await prepareLock(file)).lockPath
}

/** The lock's path, and the directories made for it (outermost first), which nothing else holds yet. */
async function prepareLock(file: string): Promise<{ lockPath: string; created: string[] }> {
  const abs = resolve(file)
  const first = await mkdir(dirname(abs), { recursive: true, mode: 0o700 })
  const created: string[] = []
  for (let d = dirname(abs); first && d.length >= first.length; d = dirname(d)) created.unshift(d)
  return { lockPath: join(await realpath(dirname(abs)), `${basename(abs)}.lock`), created }
}

export async function withFileLock<T>(file: string, fn: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const { lockPath, created } = await acquire(file, options)
  try {
    return await fn()
  } finally {
    await rm(lockPath, { force: true })
    // A refused or no-op update leaves no directory behind that only its lock needed.
    for (const dir of created.reverse()) await rmdir(dir).catch(() => {})
  }
}

async function acquire(file: string, { retries = 20, minDelayMs = 50, maxDelayMs = 2_000, staleMs = LOCK_STALE_MS, onWait }: LockOptions): Promise<{ lockPath: string; created: string[] }> {
  let { lockPath, created } = await prepareLock(file)
  for (let attempt = 0; attempt <= retries;) {
    try {
      const fh = await open(lockPath, 'wx', 0o600)
      try {
        await fh.writeFile(JSON.stringify({ pid: process.pid, createdAt: new Date().toISOString() }, null, 2))
      } finally {
        await fh.close()
      }
      return { lockPath, created }
    } catch (err) {
      // Another writer's cleanup took the directory it had made just as we found it: make it again.
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        const again = await prepareLock(file)
        lockPath = again.lockPath
        created = [...created, ...again.created]
        continue
      }
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    }
    const look = await lookAtLock(lockPath, staleMs)
    if (look.verdict === 'gone') continue // released between our open and our look: try again at once
    if (look.verdict === 'stale') {
      await removeStaleLock(lockPath, look) // taking over a dead writer's lock costs no attempt
      continue
    }
    if (attempt === 0) onWait?.()
    if (attempt++ === retries) break
    const base = Math.min(maxDelayMs, minDelayMs * 2 ** attempt)
    await new Promise((r) => setTimeout(r, Math.round(base * (1 + Math.random()))))
  }
  throw new CafError(`${file} is locked by another process (${lockPath}); try again, or remove the lock if no OpenClaw or codex-auth-fallback is running`)
}

export async function isStaleLock(lockPath: string, staleMs = LOCK_STALE_MS, now = Date.now()): Promise<boolean> {
  return (await lookAtLock(lockPath, staleMs, now)).verdict !== 'live'
}

/** A verdict on the lock at a path, and what it was reached on: the file's identity and its bytes. */
export interface LockLook {
  verdict: 'live' | 'stale' | 'gone'
  ino?: bigint
  mtimeNs?: bigint
  text?: string
}

// OpenClaw calls a vanished lock stale and removes the path, which can delete the lock a third
// writer has just taken; we only retry.
export async function lookAtLock(lockPath: string, staleMs = LOCK_STALE_MS, now = Date.now()): Promise<LockLook> {
  const seen = await readLock(lockPath)
  if (!seen) return { verdict: 'gone' }
  const payload = parseLockPayload(seen.text)
  const judge = (): LockLook['verdict'] => {
    if (payload && !isPidAlive(payload.pid)) return 'stale'
    if (payload) {
      const createdAt = Date.parse(payload.createdAt)
      if (!Number.isFinite(createdAt) || now - createdAt > staleMs) return 'stale'
    }
    return now - Number(seen.mtimeNs / 1_000_000n) > staleMs ? 'stale' : 'live'
  }
  return { verdict: judge(), ...seen }
}

/**
 * Removes a lock judged stale, if it is still that very lock. The bench (issue 8) lost 2 of 80
 * updates with 8 writers: one had read a writer's lock, that writer released it and exited, and the
 * dead pid then condemned the next writer's fresh lock at the same path. A released lock is gone or
 * replaced (other bytes, another inode or mtime), so it is left alone. Returns whether it removed it.
 */
export async function removeStaleLock(lockPath: string, look: LockLook): Promise<boolean> {
  const now = await readLock(lockPath)
  if (!now || now.ino !== look.ino || now.mtimeNs !== look.mtimeNs || now.text !== look.text) return false
  await rm(lockPath, { force: true })
  return true
}

async function readLock(lockPath: string): Promise<{ ino: bigint; mtimeNs: bigint; text: string } | undefined> {
  try {
    const { ino, mtimeNs } = await stat(lockPath, { bigint: true })
    // An unreadable (foreign) lock has no bytes to judge: its mtime decides, as OpenClaw's does.
    const text = await readFile(lockPath, 'utf8').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') throw err
      return ''
    })
    return { ino, mtimeNs, text }
  } catch {
    return undefined
  }
}

function parseLockPayload(text: string): { pid: number; createdAt: string } | undefined {
  try {
    const parsed = JSON.parse(text)
    if (typeof parsed?.pid === 'number' && typeof parsed?.createdAt === 'string') return parsed
  } catch {
    // half-written or foreign: judged by its mtime alone, as OpenClaw does
  }
  return undefined
}

export function isPidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'))
  } catch {
    return true
  }
}
