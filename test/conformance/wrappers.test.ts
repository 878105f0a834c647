// OpenClaw 2026.9.6 reached the ways users put it on PATH, with this machine's Node 20 first on PATH
// (2026.9 needs Node 24): npm's symlink behind another link, pnpm's shell shim, a two-line
// `exec node24 .../openclaw.mjs "$@"` script, and a launcher we cannot read with
// OPENCLAW_PACKAGE_DIR (and OPENCLAW_NODE) naming the package. For each, add-profile writes through
// OpenClaw's SDK on the wrapper's Node (on Node 20 the SDK cannot load) and status reads it back.
import assert from 'node:assert/strict'
import { mkdir, symlink, writeFile } from 'node:fs/promises'
import { dirname, join, relative } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { codexAuthJson, makeTokens } from '../support/jwt.ts'
import { createSandbox, type Sandbox } from '../support/sandbox.ts'
import { freePort } from '../../sandbox/gateway.ts'
import { probeOpenclaw, requireOpenclaw, type OpenclawInstall } from '../support/tools.ts'

describe('OpenClaw 2026.9.6 behind a wrapper', async () => {
  const skip = await probeOpenclaw('current')
  let sb: Sandbox
  let oc: OpenclawInstall
  let base: NodeJS.ProcessEnv
  before(async () => {
    if (skip) return
    sb = await createSandbox()
    oc = (await requireOpenclaw('current', sb)) as OpenclawInstall
    base = {
      NODE_OPTIONS: oc.env.NODE_OPTIONS, OPENCLAW_NO_AUTO_UPDATE: '1', DO_NOT_TRACK: '1',
      OPENCLAW_GATEWAY_PORT: String(await freePort()), OPENCLAW_GATEWAY_TOKEN: 'no-gateway-listens-here-000000',
    }
  })
  after(() => sb?.cleanup())

  const entry = () => join(oc.packageDir, 'openclaw.mjs')
  /** A dir of its own for a shape, holding `openclaw` (and what the shape needs beside it). */
  const shapes: Array<[string, (dir: string) => Promise<NodeJS.ProcessEnv>]> = [
    ['a symlink to a symlink to openclaw.mjs', async (dir) => {
      await symlink(oc.openclaw, join(dir, 'openclaw'))
      // npm's own link: its shebang node is found on PATH, so node 24 goes first there, as npm users have it.
      return { PATH: `${dirname(oc.node)}:${dir}:/usr/bin:/bin` }
    }],
    ["pnpm's shim", async (dir) => {
      await symlink(oc.node, join(dir, 'node'))
      await writeFile(join(dir, 'openclaw'), `#!/bin/sh
basedir=$(dirname "$(echo "$0" | sed -e 's,\\\\,/,g')")
if [ -x "$basedir/node" ]; then
  exec "$basedir/node"  "$basedir/${relative(dir, oc.packageDir)}/openclaw.mjs" "$@"
else
  exec node  "$basedir/${relative(dir, oc.packageDir)}/openclaw.mjs" "$@"
fi
`, { mode: 0o755 })
      return { PATH: `${dir}:/usr/bin:/bin` }
    }],
    ['exec node24 .../openclaw.mjs "$@"', async (dir) => {
      await mkdir(join(dir, 'node24-bin'))
      await symlink(oc.node, join(dir, 'node24-bin', 'node24'))
      await writeFile(join(dir, 'openclaw'), `#!/usr/bin/env bash\nexec node24 ${entry()} "$@"\n`, { mode: 0o755 })
      return { PATH: `${dir}:${join(dir, 'node24-bin')}:/usr/bin:/bin` }
    }],
    ['a launcher read from variables, with OPENCLAW_PACKAGE_DIR and OPENCLAW_NODE', async (dir) => {
      await writeFile(join(dir, 'openclaw'), '#!/bin/sh\nexec "$MY_NODE" "$MY_OPENCLAW" "$@"\n', { mode: 0o755 })
      return { PATH: `${dir}:/usr/bin:/bin`, MY_NODE: oc.node, MY_OPENCLAW: entry(), OPENCLAW_PACKAGE_DIR: oc.packageDir, OPENCLAW_NODE: oc.node }
    }],
  ]

  let n = 0
  for (const [name, make] of shapes) {
    test(name, { skip, timeout: 240_000 }, async (t) => {
      const dir = join(sb.root, `shape-${++n}`)
      await mkdir(dir)
      const env = { ...base, ...(await make(dir)), OPENCLAW_BIN: join(dir, 'openclaw') }
      const who = `user${n}`
      const tokens = await makeTokens({ accountId: `acct-${who}`, email: `${who}@example.com` })
      const from = join(sb.root, `${who}-auth.json`)
      await writeFile(from, codexAuthJson(tokens, `acct-${who}`), { mode: 0o600 })
      const add = await sb.run('add-profile', [who, '--from', from, '--yes', '--json'], { env })
      assert.equal(add.code, 0, add.stderr)
      assert.equal(JSON.parse(add.stdout).openclaw.version, '2026.9.6')
      const status = await sb.run('status', ['--json'], { env })
      assert.equal(status.code, 0, status.stderr)
      const ids = JSON.parse(status.stdout).profiles.map((p: { profileId: string }) => p.profileId)
      assert.ok(ids.includes(`openai:${who}`), ids.join(', '))
      t.diagnostic(`${name}: add-profile and status through OPENCLAW_BIN=${env.OPENCLAW_BIN}`)
    })
  }
})
