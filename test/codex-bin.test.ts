// Which codex the login runs: $CODEX_BIN, else `codex` on PATH (a user's own install), else this
// project's copy, which is the one pinned in package.json (the only place the pin is written).
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { resolveCodexBin } from '../lib/codex-bin.ts'
import { ROOT } from './support/sandbox.ts'
import { makeTempDir } from './support/temp-dir.ts'

describe('resolveCodexBin', () => {
  test('CODEX_BIN, then codex on PATH, then the project copy', async () => {
    const dir = makeTempDir('caf-codex-bin-')
    await writeFile(join(dir, 'codex'), '#!/bin/sh\necho users-own\n', { mode: 0o755 })
    assert.equal(await resolveCodexBin({ CODEX_BIN: '/opt/codex', PATH: dir }), '/opt/codex')
    assert.equal(await resolveCodexBin({ PATH: dir }), join(dir, 'codex'))
    assert.match(await resolveCodexBin({ PATH: '/nonexistent' }), /node_modules\/@openai\/codex\//)
  })

  test("the project copy is package.json's pin", async () => {
    const pin = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')).dependencies['@openai/codex']
    assert.match(pin, /^\d+\.\d+\.\d+$/, 'an exact version')
    const r = spawnSync(process.execPath, [await resolveCodexBin({ PATH: '/nonexistent' }), '--version'], { encoding: 'utf8' })
    assert.equal(r.status, 0, r.stderr)
    assert.equal(r.stdout.trim(), `codex-cli ${pin}`)
  })
})
