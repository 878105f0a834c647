// 20 processes of ours, 50 read-modify-write updates each, beside one process writing the way the
// OpenClaw gateway does (its lock protocol, usageStats in place): no update lost, the file parses at
// every locked read, no lock and no temp file left. The same for the config write path.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtemp, readdir, readFile, writeFile, mkdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import JSON5 from 'json5'
import { ROOT } from '../support/sandbox.ts'

const WRITERS = 20
const UPDATES = 50
const GATEWAY_UPDATES = 100

function hammer(mode: string, path: string, id: string, count: number): Promise<{ updates: number; parseFailures: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/support/hammer.ts'), mode, path, id, String(count)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  child.stdout.on('data', (d) => (out += d))
  child.stderr.on('data', (d) => (err += d))
  return new Promise((resolve, reject) => child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`${mode} ${id} exited ${code}: ${err.slice(-500)}`)))))
}

describe('concurrent writers', () => {
  test(`JSON store: ${WRITERS} writers x ${UPDATES} updates beside a gateway-like writer`, { timeout: 600_000 }, async (t) => {
    const dir = join(await mkdtemp(join(tmpdir(), 'caf-conc-')), 'agents', 'main', 'agent')
    await mkdir(dir, { recursive: true })
    const path = join(dir, 'auth-profiles.json')
    await writeFile(path, '{"version":1,"profiles":{}}\n')
    const started = Date.now()
    const results = await Promise.all([
      ...Array.from({ length: WRITERS }, (_, w) => hammer('ours-store', path, `w${w}`, UPDATES)),
      hammer('gateway', path, 'gw', GATEWAY_UPDATES),
    ])
    const store = JSON.parse(await readFile(path, 'utf8'))
    const ours = Object.keys(store.profiles).filter((k) => k.startsWith('test:w')).length
    const gateway = Object.keys(store.usageStats ?? {}).filter((k) => k.startsWith('gw-')).length
    const parseFailures = results.reduce((n, r) => n + r.parseFailures, 0)
    t.diagnostic(`store: ${WRITERS * UPDATES} updates of ours + ${GATEWAY_UPDATES} gateway-style, ${WRITERS * UPDATES - ours + GATEWAY_UPDATES - gateway} lost, ${parseFailures} parse failures, ${Date.now() - started} ms`)
    assert.equal(ours, WRITERS * UPDATES, 'every update of ours is present')
    assert.equal(gateway, GATEWAY_UPDATES, 'every gateway-style update is present')
    assert.equal(parseFailures, 0)
    const left = (await readdir(dir)).filter((n) => n.endsWith('.lock') || n.includes('.caf-tmp-'))
    assert.deepEqual(left, [], 'no lock or temp file left')
  })

  test(`config: ${WRITERS} writers x ${UPDATES} updates`, { timeout: 600_000 }, async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'caf-conc-'))
    const path = join(dir, 'openclaw.json')
    await writeFile(path, '{ // a JSON5 config\n  agents: {},\n}\n')
    const started = Date.now()
    await Promise.all(Array.from({ length: WRITERS }, (_, w) => hammer('ours-config', path, String(w), UPDATES)))
    const config = JSON5.parse(await readFile(path, 'utf8'))
    const present = Object.keys(config).filter((k) => /^w\d+-\d+$/.test(k)).length
    t.diagnostic(`config: ${WRITERS * UPDATES} updates, ${WRITERS * UPDATES - present} lost, ${Date.now() - started} ms`)
    assert.equal(present, WRITERS * UPDATES)
    assert.deepEqual((await readdir(dir)).filter((n) => n.endsWith('.lock') || n.includes('.caf-tmp-')), [])
  })
})
