// Every change to a store, a config, jobs.json or the state file goes through lib/file-update.ts.
// This walks lib/ for calls that put bytes on disk and allows them only where the reason is below.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { test } from 'node:test'
import { ROOT } from './support/sandbox.ts'

const WRITES = /\b(writeFile|writeFileSync|appendFile|appendFileSync|rename|renameSync|copyFile|copyFileSync|createWriteStream|truncate|ftruncate)\s*\(|\bopen(Sync)?\([^)]*['"](w|wx|a|ax|r\+|w\+)['"]/g

const ALLOWED: Record<string, string> = {
  'lib/files.ts': 'the primitives the transaction uses: temp file, fsync, rename, backups',
  'lib/file-update.ts': 'the transaction itself',
  'lib/openclaw/lock.ts': "the lock file of OpenClaw's lock protocol",
  'lib/openclaw/validate-config.ts': 'the candidate config OpenClaw checks (a temp file, removed afterwards); never the config itself',
}
// Who may call the atomic write directly, bypassing lock and re-read: only the transaction, and the
// build of dist/check-and-switch.mjs (an output of ours, not a file anyone else writes).
const ATOMIC_CALLERS = ['lib/files.ts', 'lib/file-update.ts', 'lib/bundle.ts']

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name)
    return e.isDirectory() ? walk(p) : /\.(ts|mjs)$/.test(e.name) ? [p] : []
  })
}

const files = walk(join(ROOT, 'lib')).map((p) => ({ name: relative(ROOT, p), text: readFileSync(p, 'utf8') }))

test('no file in lib/ writes to disk outside the file-update transaction and its listed helpers', () => {
  const found = files.flatMap(({ name, text }) =>
    name in ALLOWED ? [] : [...text.matchAll(WRITES)].map((m) => `${name}:${text.slice(0, m.index).split('\n').length}: ${m[0]}`))
  assert.deepEqual(found, [])
})

test('writeFileAtomic is called only by the transaction (and the bundle build)', () => {
  const callers = files.filter(({ text }) => /\bwriteFileAtomic\s*\(/.test(text)).map((f) => f.name).sort()
  assert.deepEqual(callers.filter((n) => !ATOMIC_CALLERS.includes(n)), [])
  assert.ok(callers.includes('lib/file-update.ts'))
})

test('the scan sees a write where there is one (it can fail)', () => {
  assert.match("await writeFile(path, text, { mode: 0o600 })", new RegExp(WRITES.source))
  assert.match("const fh = await open(tmp, 'wx', mode)", new RegExp(WRITES.source))
})
