// bin/check-and-switch.mjs, what the cron job runs: the bundle while no source is newer, else the
// sources. Run from a copy in a temp checkout whose bundle and task say which of them ran, with each
// file's mtime set, on this node (no type stripping before 22.18: through tsx) and on node 24 (the
// sources imported in process) when the pinned one is installed.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { copyFile, mkdir, rename, symlink, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { createSandbox, ROOT, type Sandbox } from './support/sandbox.ts'
import { locateOpenclaw } from './support/tools.ts'

const SAY = (what: string) => `process.stdout.write(${JSON.stringify(what)} + ' ' + JSON.stringify(process.argv.slice(2)) + '\\n'); if (process.argv.includes('--fail')) process.exitCode = 3\n`

const node24 = (['current', 'legacy'] as const).map(locateOpenclaw).find((f) => 'node' in f)
const nodes = [process.execPath, ...(node24 && 'node' in node24 ? [node24.node] : [])]

describe('bin/check-and-switch.mjs', () => {
  let sb: Sandbox
  let root: string
  const t0 = Date.now() / 1000 - 1000
  const at = (path: string, s: number) => utimes(join(root, path), t0 + s, t0 + s)
  const SOURCES = ['lib', 'lib/openclaw', 'lib/openclaw/x.ts', 'lib/openclaw/bridge.mjs', 'tasks/check-and-switch.ts', 'package-lock.json']

  before(async () => {
    sb = await createSandbox()
    root = join(sb.root, 'checkout')
    for (const dir of ['bin', 'lib/openclaw', 'tasks', 'dist']) await mkdir(join(root, dir), { recursive: true })
    await copyFile(join(ROOT, 'bin', 'check-and-switch.mjs'), join(root, 'bin', 'check-and-switch.mjs'))
    await symlink(join(ROOT, 'node_modules'), join(root, 'node_modules'))
    await writeFile(join(root, 'lib/openclaw/x.ts'), 'export const x: number = 1\n')
    await writeFile(join(root, 'lib/openclaw/bridge.mjs'), '\n')
    await writeFile(join(root, 'package-lock.json'), '{}\n')
    // A type annotation: only a node that strips types (or tsx) runs it.
    await writeFile(join(root, 'tasks/check-and-switch.ts'), `const what: string = 'sources'\n${SAY('sources').replace(JSON.stringify('sources'), 'what')}`)
    await writeFile(join(root, 'dist/check-and-switch.mjs'), SAY('bundle'))
  })
  after(() => sb.cleanup())

  const launch = (node: string, args: string[] = ['--dry-run']) => spawnSync(node, [join(root, 'bin', 'check-and-switch.mjs'), ...args], { encoding: 'utf8' })
  const settle = async (bundleAt: number) => {
    for (const path of SOURCES) await at(path, 0)
    await at('dist/check-and-switch.mjs', bundleAt)
  }

  for (const node of nodes) {
    const v = spawnSync(node, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim()
    const cases = [
      ['the bundle, built after every source', async () => settle(10), 'bundle'],
      ['the sources, when lib/ has a newer file', async () => { await settle(10); await at('lib/openclaw/x.ts', 20) }, 'sources'],
      ['the sources, when a file was added to or removed from lib/ (its dir is newer)', async () => { await settle(10); await at('lib/openclaw', 20) }, 'sources'],
      ['the sources, when a non-TypeScript file in lib/ is newer (the SDK bridge)', async () => { await settle(10); await at('lib/openclaw/bridge.mjs', 20) }, 'sources'],
      ['the sources, when the task is newer', async () => { await settle(10); await at('tasks/check-and-switch.ts', 20) }, 'sources'],
      ['the sources, when package-lock.json is newer (npm ci after a dependency moved)', async () => { await settle(10); await at('package-lock.json', 20) }, 'sources'],
      ['the bundle again once it is rebuilt', async () => { await settle(10); await at('lib/openclaw/x.ts', 20); await at('dist/check-and-switch.mjs', 30) }, 'bundle'],
    ] as const
    for (const [name, arrange, want] of cases) {
      test(`node ${v}: ${name}`, async () => {
        await arrange()
        const r = launch(node)
        assert.equal(r.status, 0, r.stderr)
        assert.equal(r.stdout, `${want} ["--dry-run"]\n`)
        assert.equal(r.stderr, '', 'nothing on stderr: a cron job would post it')
      })
    }

    test(`node ${v}: no bundle at all runs the sources; the exit code is the check's`, async () => {
      await settle(10)
      await rename(join(root, 'dist/check-and-switch.mjs'), join(root, 'dist/away.mjs'))
      const none = launch(node, ['--fail'])
      await rename(join(root, 'dist/away.mjs'), join(root, 'dist/check-and-switch.mjs'))
      assert.deepEqual([none.status, none.stdout], [3, 'sources ["--fail"]\n'])
      const fresh = launch(node, ['--fail'])
      assert.deepEqual([fresh.status, fresh.stdout], [3, 'bundle ["--fail"]\n'])
    })
  }
})
