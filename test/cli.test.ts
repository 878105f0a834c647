import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { parseTaskArgs, runTask } from '../lib/cli.ts'
import { UsageError } from '../lib/errors.ts'

const spec = { args: ['name'], flags: { yes: { type: 'boolean', short: 'y' }, from: 'string', fallback: 'string[]' } } as const

describe('parseTaskArgs', () => {
  test('name then flags', () => {
    const r = parseTaskArgs('t', spec, ['alice', '-y', '--from', 'a.json', '--fallback', 'x', '--fallback', 'y'])
    assert.equal(r.args.name, 'alice')
    assert.deepEqual({ ...r.flags }, { yes: true, from: 'a.json', fallback: ['x', 'y'] })
  })
  const bad = [['unknown flag', ['--nope']], ['extra argument', ['a', 'b']], ['string flag without value', ['--from']]] as const
  for (const [name, argv] of bad) {
    test(`${name} is a one-line usage error`, () => {
      assert.throws(() => parseTaskArgs('t', spec, [...argv]), (e: unknown) => e instanceof UsageError && e.exitCode === 2 && !e.message.includes('\n'))
    })
  }
})

describe('runTask', () => {
  test("a report's exitCode becomes the process's, after the report is printed", async () => {
    const before = process.exitCode
    try {
      await runTask('t', {}, async () => ({ data: {}, lines: [], exitCode: 1 }), [])
      assert.equal(process.exitCode, 1)
      process.exitCode = undefined
      await runTask('t', {}, async () => ({ data: {}, lines: [] }), [])
      assert.equal(process.exitCode, undefined)
    } finally {
      process.exitCode = before
    }
  })
})
