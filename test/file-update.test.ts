import assert from 'node:assert/strict'
import { readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { Interrupted } from '../lib/errors.ts'
import { BACKUP_DIR } from '../lib/files.ts'
import { listWrites, loadFile, updateFile, type FileKind } from '../lib/file-update.ts'
import { makeTempDir } from './support/temp-dir.ts'

type Counter = { n: number; [key: string]: unknown }
const COUNTER: FileKind<Counter> = {
  label: 'counter',
  parse: (text) => JSON.parse(text),
  empty: () => ({ n: 0 }),
  format: (d) => `${JSON.stringify(d)}\n`,
}

async function place(text?: string, mode = 0o644) {
  const dir = makeTempDir('caf-update-')
  const path = join(dir, 'counter.json')
  if (text !== undefined) await writeFile(path, text, { mode })
  return { dir, path }
}

describe('updateFile', () => {
  test('changes what it re-read, backs the old bytes up, writes 0600 unless the kind keeps the mode', async () => {
    const { dir, path } = await place('{"n":1}\n')
    const r = await updateFile(path, COUNTER, ({ data }) => ({ data: { n: data.n + 1 }, result: data.n }))
    assert.deepEqual(r.result, 1)
    assert.equal(r.written, true)
    assert.equal(await readFile(path, 'utf8'), '{"n":2}\n')
    assert.equal((await stat(path)).mode & 0o777, 0o600)
    assert.equal(await readFile(r.backupPath!, 'utf8'), '{"n":1}\n')
    assert.match(r.backupPath!, /counter\.json\.\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z$/)
    assert.deepEqual((await readdir(dir)).sort(), [BACKUP_DIR, 'counter.json'], 'no lock or temp file left')
    assert.ok(listWrites().includes(path))

    const kept = await place('{"n":1}\n', 0o640)
    await updateFile(kept.path, { ...COUNTER, mode: 'keep' }, () => ({ data: { n: 5 }, result: null }))
    assert.equal((await stat(kept.path)).mode & 0o777, 0o640)
  })

  test('the same bytes are not written again: no backup, the file untouched', async () => {
    const { dir, path } = await place('{"n":3}\n')
    const before = await stat(path)
    const r = await updateFile(path, COUNTER, ({ data }) => ({ data: { ...data }, result: null }))
    assert.equal(r.written, false)
    assert.equal(r.backupPath, undefined)
    assert.equal((await stat(path)).mtimeMs, before.mtimeMs)
    assert.deepEqual(await readdir(dir), ['counter.json'])
  })

  test('an updater that throws, or a task interrupted before the write, leaves the file byte-identical', async () => {
    const { dir, path } = await place('{"n":1}\n')
    await assert.rejects(updateFile(path, COUNTER, () => { throw new Error('refused') }), /refused/)
    const controller = new AbortController()
    await assert.rejects(updateFile(path, COUNTER, () => {
      controller.abort('SIGTERM')
      return { data: { n: 9 }, result: null }
    }, { signal: controller.signal }), (e: unknown) => e instanceof Interrupted && e.exitCode === 143)
    assert.equal(await readFile(path, 'utf8'), '{"n":1}\n')
    assert.deepEqual(await readdir(dir), ['counter.json'])
  })

  test('a missing file is the empty value; a file over maxBytes is refused before it is read', async () => {
    const { path } = await place()
    assert.deepEqual(await loadFile(path, COUNTER), { path, data: { n: 0 } })
    await writeFile(path, `{"n":1,"pad":"${'x'.repeat(200)}"}`)
    await assert.rejects(loadFile(path, { ...COUNTER, maxBytes: 100 }), /is 0\.0 MB, far beyond any counter/)
  })

  test('twenty overlapping updates in one process: none lost', async () => {
    const { path } = await place('{"n":0}\n')
    await Promise.all(Array.from({ length: 20 }, (_, i) => updateFile(path, COUNTER, async ({ data }) => {
      await new Promise((r) => setImmediate(r))
      return { data: { ...data, n: data.n + 1, [`w${i}`]: true }, result: null }
    })))
    const data = JSON.parse(await readFile(path, 'utf8'))
    assert.equal(data.n, 20)
    assert.equal(Object.keys(data).length, 21)
  })
})
