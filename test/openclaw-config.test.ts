import assert from 'node:assert/strict'
import { lstat, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { hasJson5Comments, loadConfig, parseConfig, resolveDisplayConfig, updateConfig } from '../lib/openclaw/config.ts'
import { makeTempDir } from './support/temp-dir.ts'

describe('hasJson5Comments', () => {
  const cases: Array<[string, string, boolean]> = [
    ['plain JSON', '{"a": "b"}', false],
    ['a line comment', '{\n  // note\n  a: 1 }', true],
    ['a block comment', '{ a: /* one */ 1 }', true],
    ['slashes inside a double-quoted string', '{ "url": "http://127.0.0.1/x" }', false],
    ['slashes inside a single-quoted string with an escaped quote', "{ u: 'it\\'s //not' }", false],
    ['a comment after a string holding a quote', '{ a: "say \\"hi\\"" } // end', true],
  ]
  for (const [name, text, want] of cases) test(name, () => assert.equal(hasJson5Comments(text), want))
})

describe('parseConfig', () => {
  const bad: Array<[string, string, RegExp]> = [
    ['empty', '  \n', /is empty/],
    ['trailing garbage', '{ a: 1 } x', /\/c\/openclaw\.json: is not valid JSON5 at line 1, column 10 \(invalid character 'x'\)/],
    ['unterminated', '{\n  a: "b', /is not valid JSON5 at line 2, column 8 \(invalid end of input\)/],
    ['a string open at a line break', "{ a: 'b\n}", /is not valid JSON5 at line 1, column 8 \(invalid character '\\n'\)/],
    ['an array', '[1]', /expected an object at the top, found an array/],
  ]
  for (const [name, text, want] of bad) test(name, () => assert.throws(() => parseConfig(text, '/c/openclaw.json'), want))
  test('JSON5 is read as OpenClaw reads it', () => assert.deepEqual(parseConfig("{ a: 'x', b: [1,], }", '/c'), { a: 'x', b: [1] }))
})

describe('resolveDisplayConfig', () => {
  test('hides values under secret-looking keys, keeps ${VAR} references and everything else', () => {
    const shown = resolveDisplayConfig({
      gateway: { auth: { token: 'abc', mode: 'token' } },
      channels: { telegram: { botToken: '${TG_TOKEN}', tokenFile: '/x' } },
      models: { providers: { x: { apiKey: 'k', headers: { Authorization: 'Bearer z' } } } },
      list: [{ password: 'p' }],
    })
    assert.deepEqual(shown, {
      gateway: { auth: { token: '[redacted]', mode: 'token' } },
      channels: { telegram: { botToken: '${TG_TOKEN}', tokenFile: '/x' } },
      models: { providers: { x: { apiKey: '[redacted]', headers: { Authorization: '[redacted]' } } } },
      list: [{ password: '[redacted]' }],
    })
  })
})

describe('updateConfig', () => {
  test('an update that throws leaves the file byte-identical, with no backup and no temp file', async () => {
    const dir = makeTempDir('caf-config-')
    const path = join(dir, 'openclaw.json')
    await writeFile(path, '{ /* mine */ a: 1 }')
    await assert.rejects(updateConfig(path, async () => { throw new Error('refused') }), /refused/)
    assert.equal(await readFile(path, 'utf8'), '{ /* mine */ a: 1 }')
    assert.deepEqual(await readdir(dir), ['openclaw.json'])
  })

  test('the update sees the file as it is under the lock', async () => {
    const dir = makeTempDir('caf-config-')
    const path = join(dir, 'openclaw.json')
    await writeFile(path, '{"a":1}')
    const r = await updateConfig(path, async (current) => ({ data: { ...current.data, b: 2 }, result: current.data }))
    assert.deepEqual(r.result, { a: 1 })
    assert.equal(r.written, true)
    assert.equal(await readFile(path, 'utf8'), '{\n  "a": 1,\n  "b": 2\n}\n')
  })

  test('a symlinked config is read through the link but never written: link and target stay as they are', async () => {
    const dir = makeTempDir('caf-config-')
    await mkdir(join(dir, 'dotfiles'))
    const target = join(dir, 'dotfiles', 'openclaw.json')
    const path = join(dir, 'openclaw.json')
    await writeFile(target, '{ a: 1 }')
    await symlink(target, path)
    assert.deepEqual((await loadConfig(path)).data, { a: 1 })
    await assert.rejects(updateConfig(path, async () => ({ data: { a: 2 }, result: null })), {
      name: 'BadFile',
      message: /\/openclaw\.json: is a symlink to \/.*\/dotfiles\/openclaw\.json; not written, .*OPENCLAW_CONFIG_PATH=\/.*\/dotfiles\/openclaw\.json to write the target itself/,
    })
    assert.ok((await lstat(path)).isSymbolicLink())
    assert.equal(await readFile(target, 'utf8'), '{ a: 1 }')
    assert.deepEqual(await readdir(dir), ['dotfiles', 'openclaw.json'], 'no lock, temp file or backup')
  })
})
