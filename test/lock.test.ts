import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { readFile, rm, stat, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { isStaleLock, lookAtLock, removeStaleLock, prepareLockPath, withFileLock } from '../lib/openclaw/lock.ts'
import { makeTempDir } from './support/temp-dir.ts'

async function target() {
  const dir = makeTempDir('caf-lock-')
  return join(dir, 'auth-profiles.json')
}

/** The pid of a process that has exited (so is certainly not alive). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'])
  await new Promise((r) => child.on('exit', r))
  return child.pid!
}

describe('withFileLock', () => {
  test('holds <file>.lock with {pid, createdAt} while running, removes it after', async () => {
    const file = await target()
    const lockPath = await prepareLockPath(file)
    await withFileLock(file, async () => {
      const payload = JSON.parse(await readFile(lockPath, 'utf8'))
      assert.equal(payload.pid, process.pid)
      assert.ok(Date.parse(payload.createdAt) > 0)
    })
    await assert.rejects(stat(lockPath), { code: 'ENOENT' })
  })

  test('takes over a lock held by a dead pid', async () => {
    const file = await target()
    const lockPath = await prepareLockPath(file)
    await writeFile(lockPath, JSON.stringify({ pid: await deadPid(), createdAt: new Date().toISOString() }))
    let ran = false
    await withFileLock(file, async () => { ran = true }, { retries: 0 })
    assert.ok(ran)
  })

  test('takes over a lock older than 30 s even when its pid lives', async () => {
    const file = await target()
    const lockPath = await prepareLockPath(file)
    await writeFile(lockPath, JSON.stringify({ pid: process.ppid, createdAt: new Date(Date.now() - 31_000).toISOString() }))
    assert.equal(await isStaleLock(lockPath), true)
    await withFileLock(file, async () => {}, { retries: 0 })
  })

  test('a payload-less lock is judged by its mtime', async () => {
    const file = await target()
    const lockPath = await prepareLockPath(file)
    await writeFile(lockPath, '')
    assert.equal(await isStaleLock(lockPath), false)
    const old = new Date(Date.now() - 60_000)
    await utimes(lockPath, old, old)
    assert.equal(await isStaleLock(lockPath), true)
  })

  test('waits on a live lock and runs once it is released', async () => {
    const file = await target()
    const lockPath = await prepareLockPath(file)
    // another live process holds it, the way the gateway would
    await writeFile(lockPath, JSON.stringify({ pid: process.ppid, createdAt: new Date().toISOString() }))
    const order: string[] = []
    let found!: () => void
    const blocked = new Promise<void>((r) => { found = r })
    const waiting = withFileLock(file, async () => { order.push('ours') }, { onWait: () => found() })
    await blocked // it found the lock held and is waiting
    order.push('released')
    await import('node:fs/promises').then((fs) => fs.rm(lockPath))
    await waiting
    assert.deepEqual(order, ['released', 'ours'])
  })

  test('gives up on a live lock after its retries with a one-line message', async () => {
    const file = await target()
    const lockPath = await prepareLockPath(file)
    await writeFile(lockPath, JSON.stringify({ pid: process.ppid, createdAt: new Date().toISOString() }))
    await assert.rejects(withFileLock(file, async () => {}, { retries: 2, minDelayMs: 5 }), /is locked by another process/)
  })

  test('serialises concurrent writers in one process', async () => {
    const file = await target()
    await writeFile(file, '0')
    await Promise.all(Array.from({ length: 10 }, () => withFileLock(file, async () => {
      const n = Number(await readFile(file, 'utf8'))
      await new Promise((r) => setTimeout(r, 2))
      await writeFile(file, String(n + 1))
    }, { minDelayMs: 2 })))
    assert.equal(await readFile(file, 'utf8'), '10')
  })
})

describe('removeStaleLock', () => {
  const lockOf = (pid: number) => JSON.stringify({ pid, createdAt: new Date().toISOString() })

  test('removes the lock it judged stale', async () => {
    const lockPath = await prepareLockPath(await target())
    await writeFile(lockPath, lockOf(await deadPid()))
    const look = await lookAtLock(lockPath)
    assert.equal(look.verdict, 'stale')
    assert.equal(await removeStaleLock(lockPath, look), true)
    await assert.rejects(stat(lockPath), { code: 'ENOENT' })
  })

  test('leaves alone a live lock that took the judged one\'s place (its writer released it and exited)', async () => {
    const lockPath = await prepareLockPath(await target())
    await writeFile(lockPath, lockOf(await deadPid()))
    const look = await lookAtLock(lockPath)
    await rm(lockPath)
    await writeFile(lockPath, lockOf(process.pid))
    assert.equal(await removeStaleLock(lockPath, look), false)
    assert.equal(JSON.parse(await readFile(lockPath, 'utf8')).pid, process.pid)
    await rm(lockPath)
    assert.equal(await removeStaleLock(lockPath, look), false, 'nor a lock that is gone')
  })
})
