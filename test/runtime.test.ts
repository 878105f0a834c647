import assert from 'node:assert/strict'
import { chmod, mkdir, symlink, writeFile } from 'node:fs/promises'
import { dirname, join, relative } from 'node:path'
import { describe, test } from 'node:test'
import { resolveOpenclawRuntime, resolveSdkPath } from '../lib/openclaw/runtime.ts'
import { describeFailure } from '../lib/openclaw/runner.ts'
import { parseRelease } from '../lib/openclaw/releases.ts'
import { openSqliteStore } from '../lib/openclaw/stores/sqlite.ts'
import { makeTempDir } from './support/temp-dir.ts'

async function fakeInstall(shebang: string) {
  const root = makeTempDir('caf-runtime-')
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

describe('OpenClaw behind a wrapper', () => {
  // The shapes users have on PATH instead of npm's symlink, each execing the package's entry file.
  const shapes: Array<[string, (f: { pkg: string; dir: string; node24: string }) => string, 'own' | 'wrapper']> = [
    ['a symlink chain (a link to npm\'s link)', () => '', 'own'],
    ['pnpm\'s shim: $basedir/node if there, else node', ({ pkg, dir }) => `#!/bin/sh
basedir=$(dirname "$(echo "$0" | sed -e 's,\\\\,/,g')")
case \`uname\` in
    *CYGWIN*) basedir=\`cygpath -w "$basedir"\`;;
esac
if [ -x "$basedir/node" ]; then
  exec "$basedir/node"  "$basedir/${relative(dir, pkg)}/openclaw.mjs" "$@"
else
  exec node  "$basedir/${relative(dir, pkg)}/openclaw.mjs" "$@"
fi
`, 'wrapper'],
    ['a two-line script on Node 20: exec node24 .../openclaw.mjs', ({ pkg }) => `#!/usr/bin/env bash\nexec node24 "${pkg}/openclaw.mjs" "$@"\n`, 'wrapper'],
    ['a script naming its node by path, beside it', ({ pkg }) => `#!/bin/sh\nset -e\nexec "$(dirname "$0")/node" ${pkg}/openclaw.mjs "$@" # Node 24\n`, 'wrapper'],
  ]
  for (const [name, script, kind] of shapes) {
    test(name, async () => {
      const f = await fakeInstall('#!/usr/bin/env node')
      const dir = join(f.root, 'wrapped')
      await mkdir(dir)
      const node24 = join(f.root, 'node24-bin', 'node24')
      await mkdir(dirname(node24))
      await writeFile(node24, '#!/bin/sh\n', { mode: 0o755 })
      await writeFile(join(dir, 'node'), '#!/bin/sh\n', { mode: 0o755 })
      const text = script({ pkg: f.pkg, dir, node24 })
      if (text) await writeFile(join(dir, 'openclaw'), text, { mode: 0o755 })
      else await symlink(join(f.bin, 'openclaw'), join(dir, 'openclaw'))
      const r = await resolveOpenclawRuntime({ PATH: `${dir}:${dirname(node24)}:${f.bin}:/usr/bin:/bin`, OPENCLAW_BIN: join(dir, 'openclaw') })
      assert.equal(r.packageDir, f.pkg)
      if (kind === 'own') assert.equal(r.node, join(dir, 'node'), 'the shebang node, found on PATH')
      else assert.equal(r.node, name.includes('node24') ? node24 : join(dir, 'node'), 'the node the wrapper execs')
    })
  }

  test('OPENCLAW_PACKAGE_DIR names the package outright; a wrong one is one line', async () => {
    const f = await fakeInstall('#!/usr/bin/env node')
    const script = join(f.root, 'my-openclaw')
    await writeFile(script, '#!/bin/sh\nexec some-launcher "$@"\n', { mode: 0o755 })
    await assert.rejects(resolveOpenclawRuntime({ PATH: `${f.bin}:/usr/bin:/bin`, OPENCLAW_BIN: script }), /neither inside an openclaw package nor a script that runs one; set OPENCLAW_PACKAGE_DIR/)
    const r = await resolveOpenclawRuntime({ PATH: `${f.bin}:/usr/bin:/bin`, OPENCLAW_BIN: script, OPENCLAW_PACKAGE_DIR: f.pkg })
    assert.equal(r.packageDir, f.pkg)
    await assert.rejects(resolveOpenclawRuntime({ OPENCLAW_BIN: script, OPENCLAW_PACKAGE_DIR: f.root }), /OPENCLAW_PACKAGE_DIR=.* is not an openclaw package/)
  })

  test('a script that runs something else, or is too big to be a shim, leads nowhere', async () => {
    const f = await fakeInstall('#!/usr/bin/env node')
    const other = join(f.root, 'other')
    await writeFile(other, `#!/bin/sh\nexec cat "${f.pkg}/package.json.missing" "$@"\n`, { mode: 0o755 })
    await assert.rejects(resolveOpenclawRuntime({ PATH: '/usr/bin:/bin', OPENCLAW_BIN: other }), /neither inside an openclaw package/)
    const big = join(f.root, 'big')
    await writeFile(big, `#!/bin/sh\n# ${'x'.repeat(70_000)}\nexec node "${f.pkg}/openclaw.mjs" "$@"\n`, { mode: 0o755 })
    await assert.rejects(resolveOpenclawRuntime({ PATH: `${f.bin}:/usr/bin:/bin`, OPENCLAW_BIN: big }), /neither inside an openclaw package/)
  })
})
