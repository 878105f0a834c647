// The bad input corpus: every case in test/corpus/ runs its command in a fresh sandbox and must
// fail the way a user can act on: exit 1 or 2, exactly one line on stderr (naming the file where a
// file is involved, no stack trace, no token), nothing on stdout, and every file, directory and
// link in the sandbox as it was, nothing created beside or above the state dir.
import assert from 'node:assert/strict'
import { access, readdir } from 'node:fs/promises'
import { basename } from 'node:path'
import { test } from 'node:test'
import { CORPUS_DIR, loadCorpus, plantCase, type CorpusCase } from '../support/corpus.ts'
import { createSandbox, findTokenLeak, ROOT } from '../support/sandbox.ts'

// tsx compiles into $TMPDIR/tsx-<uid>/ as it likes; everything else in the sandbox is ours to check.
const TSX_CACHE = /^tmp\/tsx-\d+(\/|$)/

// Stricter than the 12 characters of the secrets suite: a parse error quoting a few characters of a
// file is exactly the leak this corpus provokes.
const LEAK_PIECE = 8

const cases = await loadCorpus()

interface Outcome {
  oneLine: boolean
  changed: string[]
}

async function runCase(c: CorpusCase, record: (o: Outcome) => void): Promise<void> {
  const sb = await createSandbox()
  try {
    const planted = await plantCase(c, sb)
    const snap = async () => Object.fromEntries(Object.entries(await sb.snapshot(sb.root, { full: true })).filter(([p]) => !TSX_CACHE.test(p)))
    const before = await snap()
    const r = await sb.run(c.command, planted.args, { env: planted.env })
    const after = await snap()
    const changed = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((p) => before[p] !== after[p]).sort()
    const lines = r.stderr.split('\n').filter((l, i, all) => l !== '' || i < all.length - 1)
    record({ oneLine: lines.length === 1, changed })

    // First: the messages below quote the output, and a token must not reach the test log either.
    assert.equal(findTokenLeak(r.stdout + r.stderr, planted.secrets, LEAK_PIECE), undefined, `${c.name}: a token reached the output`)
    assert.equal(r.signal, null, `${c.name}: killed by ${r.signal}`)
    assert.equal(r.code, c.exit, `${c.name}: exit ${r.code}, expected ${c.exit}; stderr:\n${r.stderr}`)
    assert.equal(r.stdout, '', `${c.name}: stdout must be empty`)
    assert.doesNotMatch(r.stderr, /^\s+at /m, `${c.name}: a stack trace without DEBUG=1`)
    assert.equal(lines.length, 1, `${c.name}: stderr must be one line, was:\n${r.stderr}`)
    assert.match(lines[0]!, /^✗ /)
    assert.match(lines[0]!, planted.message, `${c.name}: message`)
    for (const name of planted.names) assert.ok(lines[0]!.includes(name), `${c.name}: the line must name ${name}: ${lines[0]}`)
    assert.deepEqual(changed, [], `${c.name}: files changed in the sandbox`)
    for (const p of planted.absent) {
      await assert.rejects(access(p), { code: 'ENOENT' }, `${c.name}: ${p} was created`)
    }
  } finally {
    await sb.cleanup()
  }
}

test(`bad input corpus: ${cases.length} cases in test/corpus`, { concurrency: 4, timeout: 900_000 }, async (t) => {
  const outcomes: Outcome[] = []
  await Promise.all(cases.map((c) => t.test(c.name, () => runCase(c, (o) => outcomes.push(o)))))
  const oneLine = outcomes.filter((o) => o.oneLine).length
  const changed = outcomes.reduce((n, o) => n + o.changed.length, 0)
  t.diagnostic(`corpus: ${cases.length} cases, ${oneLine === cases.length ? 'all' : `${oneLine} of ${cases.length}`} one line, ${changed} files changed`)
})

test('every command has an unknown-flag case in the corpus', async () => {
  const commands = (await readdir(`${ROOT}/tasks`)).filter((n) => n.endsWith('.ts')).map((n) => basename(n, '.ts'))
  const covered = new Set(cases.filter((c) => c.name.startsWith('unknown-flag-')).map((c) => c.command))
  const missing = commands.filter((cmd) => !covered.has(cmd))
  assert.deepEqual(missing, [], `add ${missing.map((m) => `${CORPUS_DIR}/unknown-flag-${m}.json5`).join(', ')}`)
})
