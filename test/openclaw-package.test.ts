// The installed OpenClaw's release read from its package, not by running it (2026.2.22 takes
// 1.3-1.7 s to print --version); a bin that leads into no openclaw package is still asked.
import assert from 'node:assert/strict'
import { access, chmod, mkdir, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { readInstalledVersion } from '../lib/openclaw/detect.ts'
import { findOpenclawPackage, readPackageVersion } from '../lib/openclaw/package.ts'
import { makeTempDir } from './support/temp-dir.ts'

/** An npm-style install whose openclaw.mjs leaves a mark when it runs. */
async function fakeInstall(version: string) {
  const root = makeTempDir('caf-package-')
  const pkg = join(root, 'lib', 'node_modules', 'openclaw')
  await mkdir(pkg, { recursive: true })
  await writeFile(join(pkg, 'package.json'), JSON.stringify({ name: 'openclaw', version }))
  const mark = join(root, 'ran')
  await writeFile(join(pkg, 'openclaw.mjs'), `#!${process.execPath}\nrequire('node:fs').writeFileSync(${JSON.stringify(mark)}, '')\nconsole.log('OpenClaw 1999.1.1')\n`)
  await chmod(join(pkg, 'openclaw.mjs'), 0o755)
  await mkdir(join(root, 'bin'))
  await symlink(join(pkg, 'openclaw.mjs'), join(root, 'bin', 'openclaw'))
  return { root, pkg, bin: join(root, 'bin'), ran: () => access(mark).then(() => true, () => false) }
}

describe('readInstalledVersion', () => {
  test('follows the bin on PATH into its package and reads the release without running it', async () => {
    const f = await fakeInstall('2026.2.22')
    assert.equal(await readInstalledVersion({ PATH: `${f.bin}:/usr/bin:/bin` }), '2026.2.22')
    assert.equal(await readInstalledVersion({ OPENCLAW_BIN: join(f.bin, 'openclaw'), PATH: '/usr/bin:/bin' }), '2026.2.22')
    assert.equal(await f.ran(), false)
  })

  test('a bin outside any openclaw package (a wrapper, a stand-in) is asked with --version', async () => {
    const dir = makeTempDir('caf-package-')
    const wrapper = join(dir, 'openclaw')
    await writeFile(wrapper, `#!${process.execPath}\nconsole.log('OpenClaw 2026.9.6 (abc123)')\n`)
    await chmod(wrapper, 0o755)
    assert.equal(await readPackageVersion(wrapper), undefined)
    assert.equal(await readInstalledVersion({ OPENCLAW_BIN: wrapper, PATH: '/usr/bin:/bin' }), '2026.9.6')
  })
})

describe('findOpenclawPackage', () => {
  test('walks up to the package named openclaw; none above a file is undefined', async () => {
    const f = await fakeInstall('2026.9.6')
    assert.deepEqual(await findOpenclawPackage(join(f.pkg, 'openclaw.mjs')), { dir: f.pkg, version: '2026.9.6' })
    assert.equal(await findOpenclawPackage(join(f.root, 'bin', 'nothing-here')), undefined)
  })
})
