import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { parseTaskArgs } from '../lib/cli.ts'
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
