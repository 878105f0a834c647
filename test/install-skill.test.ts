// The skill folder (skills/codex-auth-fallback): SKILL.md's frontmatter as OpenClaw's loaders parse
// it, install-skill's copy and pointer, and the launcher a copy runs. Real files in a fresh dir.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { YAML } from 'zx'
import { installSkill, POINTER_FILE, resolveSkillDir, SKILL_NAME } from '../lib/install-skill.ts'
import { ROOT } from './support/sandbox.ts'

const io = { signal: new AbortController().signal }
const SOURCE = resolveSkillDir(ROOT)

describe('SKILL.md', () => {
  const text = readFileSync(join(SOURCE, 'SKILL.md'), 'utf8')
  const block = /^---\n([\s\S]*?)\n---\n/.exec(text)?.[1] ?? ''

  test('frontmatter: name (the folder), a one-line description, metadata.openclaw gating on node and codex', () => {
    // Both releases parse the block with the yaml package's core schema, as here.
    const front = YAML.parseDocument(block, { schema: 'core' }).toJS()
    assert.equal(front.name, SKILL_NAME)
    assert.match(front.description, /^\S.{40,}$/)
    assert.deepEqual(front.metadata.openclaw.requires, { bins: ['node', 'codex'] })
  })

  test('metadata is one line of JSON: 2026.2.22 prefers the raw line when it starts with {, and reads it with JSON5', () => {
    const line = /^metadata: (.*)$/m.exec(block)?.[1] ?? ''
    assert.deepEqual(JSON.parse(line).openclaw.requires.bins, ['node', 'codex'])
  })

  test('every command it gives goes through the launcher beside it, by SKILL_DIR', () => {
    const commands = [...text.matchAll(/`(node [^`]+)`/g)].map((m) => m[1]!)
    assert.ok(commands.length >= 5)
    for (const c of commands) assert.match(c, /^node SKILL_DIR\/run\.mjs (status|doctor|check-and-switch( --dry-run)?|add-profile NAME)$/)
  })
})

describe('installSkill', () => {
  let dir: string
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'caf-skill-'))
  })
  after(() => rm(dir, { recursive: true, force: true }))
  const env = () => ({ OPENCLAW_STATE_DIR: join(dir, 'state'), OPENCLAW_BIN: join(dir, 'no-openclaw'), PATH: process.env.PATH })

  test('copies the folder into <state>/skills with a pointer to the checkout; the checkout stays as it was', async () => {
    const before = await readdir(SOURCE)
    const r = await installSkill({ env: env(), root: ROOT }, io)
    const target = join(dir, 'state', 'skills', SKILL_NAME)
    assert.equal(r.installedTo, target)
    assert.deepEqual((await readdir(target)).sort(), [...new Set([...before, POINTER_FILE])].sort())
    const pointer = JSON.parse(await readFile(join(target, POINTER_FILE), 'utf8'))
    assert.equal(pointer.checkout, ROOT.replace(/\/$/, ''))
    assert.equal(pointer.env.OPENCLAW_STATE_DIR, join(dir, 'state'))
    assert.ok(pointer.runner.length >= 1)
    assert.deepEqual(await readdir(SOURCE), before)
  })

  test('installing again replaces the copy whole: a file only the old copy had is gone, nothing temporary is left', async () => {
    const skills = join(dir, 'state', 'skills')
    await writeFile(join(skills, SKILL_NAME, 'stale.txt'), 'old')
    await installSkill({ env: env(), root: ROOT }, io)
    assert.ok(!(await readdir(join(skills, SKILL_NAME))).includes('stale.txt'))
    assert.deepEqual(await readdir(skills), [SKILL_NAME])
  })

  test('--record-only writes the pointer into the folder and copies nothing', async () => {
    const root = join(dir, 'checkout')
    await cp(SOURCE, join(root, 'skills', SKILL_NAME), { recursive: true })
    await rm(join(root, 'skills', SKILL_NAME, POINTER_FILE), { force: true })
    const r = await installSkill({ recordOnly: true, env: { ...env(), OPENCLAW_STATE_DIR: join(dir, 'other') }, root }, io)
    assert.equal(r.installedTo, undefined)
    assert.equal(JSON.parse(await readFile(join(root, 'skills', SKILL_NAME, POINTER_FILE), 'utf8')).checkout, root)
    await assert.rejects(readdir(join(dir, 'other')))
  })
})

describe('the launcher (run.mjs)', () => {
  let dir: string
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'caf-launcher-'))
  })
  after(() => rm(dir, { recursive: true, force: true }))
  const copy = async (name: string, pointer?: unknown) => {
    const at = join(dir, name)
    await mkdir(at)
    await cp(join(SOURCE, 'run.mjs'), join(at, 'run.mjs'))
    if (pointer !== undefined) await writeFile(join(at, POINTER_FILE), JSON.stringify(pointer))
    return join(at, 'run.mjs')
  }
  const launch = (file: string, ...args: string[]) => spawnSync(process.execPath, [file, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH } })

  const cases = [
    ['add-profile: the line for the user, naming the checkout; nothing runs', ['add-profile', 'bob', '--browser'], 0, /^not run: add-profile is for the user to run \(it signs in with a browser or a device code on your side\):\n {2}cd \S+ && npm run add-profile -- bob --browser\n$/],
    ['an argument with a space is quoted for the shell', ['remove-profile', 'x y'], 0, /npm run remove-profile -- 'x y'\n$/],
    ['an unknown command is a usage error', ['rm', '-rf'], 2, /^$/],
    ['no command is a usage error', [], 2, /^$/],
  ] as const
  for (const [name, args, code, stdout] of cases) {
    test(name, async () => {
      const r = launch(await copy(`case-${args[0] ?? 'none'}`, { checkout: ROOT, runner: [process.execPath], env: {} }), ...args)
      assert.equal(r.status, code, r.stderr)
      assert.match(r.stdout, stdout)
    })
  }

  test('a copy without a pointer, outside any checkout, says how to fix it', async () => {
    const r = launch(await copy('lost'), 'status')
    assert.equal(r.status, 1)
    assert.match(r.stderr, /does not know where the codex-auth-fallback checkout is .*npm run install-skill/)
  })

  test('a pointer to a dir that is no checkout (moved, deleted) says so', async () => {
    const r = launch(await copy('moved', { checkout: join(dir, 'gone'), runner: [process.execPath], env: {} }), 'status')
    assert.equal(r.status, 1)
    assert.match(r.stderr, /names ".*gone", which is not a codex-auth-fallback checkout/)
  })

  test('runs a command of the checkout with the pinned OPENCLAW_* filled in, and passes its exit code on', async () => {
    const file = await copy('runs', { checkout: ROOT, runner: [process.execPath, join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs')], env: { OPENCLAW_STATE_DIR: join(dir, 'no-state'), OPENCLAW_BIN: join(dir, 'no-openclaw') } })
    const r = launch(file, 'status', '--no-usage')
    assert.equal(r.status, 1)
    assert.match(r.stderr, new RegExp(`no credential store in ${join(dir, 'no-state')}`))
  })
})
