// Runs last: every token minted by any suite of this run (OAuth server, fixtures) against every
// byte of output any command produced (ours and OpenClaw's) and OpenClaw's log folder. A token, or
// any 12-character piece of one, found anywhere fails the run.
import assert from 'node:assert/strict'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { test } from 'node:test'

const dir = process.env.CAF_TEST_RECORD_DIR
const PIECE = 12

async function readAll(folder: string, prefix: string): Promise<string[]> {
  const names = (await readdir(folder).catch(() => [] as string[])).filter((n) => n.startsWith(prefix))
  return Promise.all(names.map((n) => readFile(join(folder, n), 'utf8')))
}

test('no token, nor a 12-character piece of one, in any output of the run', { skip: dir ? false : (process.env.CI ? false : 'CAF_TEST_RECORD_DIR is not set (CI sets it; .ci/run shows how)') }, async (t) => {
  assert.ok(dir, 'CI must set CAF_TEST_RECORD_DIR so the whole run is scanned')
  const tokens = [...new Set((await readAll(dir, 'tokens-')).join('').split('\n').filter(Boolean))]
  const outputs = [...(await readAll(dir, 'output-')), ...(await readAll('/tmp/openclaw', 'openclaw-'))]
  const pieces = new Set<string>()
  for (const token of tokens) for (let i = 0; i + PIECE <= token.length; i++) pieces.add(token.slice(i, i + PIECE))
  let bytes = 0
  let leaks = 0
  for (const text of outputs) {
    bytes += text.length
    for (let i = 0; i + PIECE <= text.length; i++) if (pieces.has(text.slice(i, i + PIECE))) leaks++
  }
  t.diagnostic(`secrets scan: ${tokens.length} tokens, ${outputs.length} output files, ${bytes} characters, ${leaks} leaks`)
  assert.ok(tokens.length > 0, 'the run minted tokens to look for')
  assert.equal(leaks, 0)
})
