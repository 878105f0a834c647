import assert from 'node:assert/strict'
import { chmod, mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { resolveOpenclawRuntime, resolveSdkPath } from '../lib/openclaw/runtime.ts'
import { describeFailure } from '../lib/openclaw/runner.ts'
import { parseRelease } from '../lib/openclaw/releases.ts'
import { openSqliteStore } from '../lib/openclaw/stores/sqlite.ts'

async function fakeInstall(shebang: string) {
  const root = await mkdtemp(join(tmpdir(), 'caf-runtime-'))
  const pkg = join(root, 'lib', 'node_modules', 'openclaw')
  await mkdir(join(pkg, 'dist', 'plugin-sdk'), { recursive: true })
  await writeFile(join(pkg, 'package.json'), JSON.stringify({ name: 'openclaw', version: '2026.9.6', exports: { './plugin-sdk/provider-auth': { types: './x.d.ts', default: './dist/plugin-sdk/provider-auth.js' } } }))
  await writeFile(join(pkg, 'openclaw.mjs'), `${shebang}\n`)
  const bin = join(root, 'bin')
  await mkdir(bin)
  await symlink(join(pkg, 'openclaw.mjs'), join(bin, 'openclaw'))
  await writeFile(join(bin, 'node'), '#!/bin/sh\n')
  await chmod(join(bin, 'node'), 0o755)
  await chmod(join(pkg, 'openclaw.mjs'), 0o755)
  return { root, pkg, bin }
}

describe('resolveOpenclawRuntime', () => {
  test('follows the bin symlink to the package and its shebang to the node on PATH', async () => {
    const f = await fakeInstall('#!/usr/bin/env node')
    const r = await resolveOpenclawRuntime({ PATH: `${f.bin}:/usr/bin`, OPENCLAW_BIN: 'openclaw' })
    assert.equal(r.node, join(f.bin, 'node'))
    assert.equal(await resolveSdkPath(r.packageDir), join(r.packageDir, 'dist/plugin-sdk/provider-auth.js'))
  })
  test('an absolute shebang is used as it is; OPENCLAW_NODE overrides both', async () => {
    const f = await fakeInstall('#!/opt/node24/bin/node')
    assert.equal((await resolveOpenclawRuntime({ PATH: f.bin, OPENCLAW_BIN: join(f.bin, 'openclaw') })).node, '/opt/node24/bin/node')
    assert.equal((await resolveOpenclawRuntime({ PATH: f.bin, OPENCLAW_BIN: join(f.bin, 'openclaw'), OPENCLAW_NODE: '/x/node' })).node, '/x/node')
  })
  test('no OpenClaw: the state database cannot be written, and the message says what to set', async () => {
    await assert.rejects(openSqliteStore({ stateDir: '/nonexistent', agentDir: '/nonexistent/a', agentId: 'main', env: { PATH: '/nonexistent', OPENCLAW_BIN: 'openclaw' }, release: parseRelease('2026.9.6') }), /needs the installed OpenClaw.*set OPENCLAW_BIN/)
  })
})

describe('describeFailure', () => {
  const cases = [
    ['JSON error of 2026.9', { stdout: '{"ok":false,"error":{"type":"x","message":"gateway closed (1006)\\nFix: ..."}}', stderr: '' }, 'gateway closed (1006)'],
    ['banner then JSON', { stdout: 'Installed Gateway service...\n{"error":"boom"}', stderr: '' }, 'boom'],
    ['plain text', { stdout: '', stderr: '\nError: Auth profile "x" not found\nmore' }, 'Error: Auth profile "x" not found'],
  ] as const
  for (const [name, out, want] of cases) test(name, () => assert.equal(describeFailure({ ok: false, exitCode: 1, ...out }), want))
})
