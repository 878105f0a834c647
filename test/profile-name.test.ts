import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { assertProfileName } from '../lib/profile-name.ts'
import { UsageError } from '../lib/errors.ts'

describe('assertProfileName', () => {
  const good = ['alice', 'a', 'Bob.Work', 'me@example.com', 'x+y', 'team_1-2', 'a'.repeat(64)]
  for (const name of good) test(`accepts ${name.slice(0, 20)}`, () => assert.equal(assertProfileName(name), name))

  const bad: Array<[string, string | undefined]> = [
    ['missing', undefined], ['empty', ''], ['slash', 'a/b'], ['dot-dot', '..'], ['dot-dot inside', 'a..b'],
    ['leading dot', '.hidden'], ['leading dash', '-rf'], ['space', 'a b'], ['control character', 'a\u0001b'],
    ['65 characters', 'a'.repeat(65)], ['colon (would split the profile id)', 'a:b'], ['backslash', 'a\\b'],
  ]
  for (const [name, value] of bad) {
    test(`refuses ${name}`, () => {
      assert.throws(() => assertProfileName(value), (err: unknown) => err instanceof UsageError && err.exitCode === 2 && !err.message.includes('\n'))
    })
  }
})
