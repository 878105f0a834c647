import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { describeJsonSyntaxError } from '../lib/json-syntax.ts'

const TOKEN = 'rt-alice-0123456789abcdef'

function describeFor(text: string): string {
  try {
    JSON.parse(text)
  } catch (err) {
    return describeJsonSyntaxError(err, text)
  }
  throw new Error('parsed')
}

describe('describeJsonSyntaxError', () => {
  const cases = [
    ['a bare token (V8 quotes the text, names no position)', TOKEN, "unexpected token 'r' at line 1, column 1"],
    ['a stray character after a token', `{"refresh":"${TOKEN}"x}`, "expected ',' or '}' after property value at line 1, column 39"],
    ['cut off inside a token, second line', `{"version":1,\n"refresh":"${TOKEN}`, 'unterminated string at line 2, column 37'],
    ['a control character', '\u0007', "unexpected token '\\u0007' at line 1, column 1"],
    ['a token value without quotes', `{"access": ${TOKEN}}`, "unexpected token 'r' at line 1, column 12"],
  ] as const
  for (const [name, text, want] of cases) {
    test(name, () => {
      const got = describeFor(text)
      assert.equal(got, want)
      for (let i = 0; i + 6 <= TOKEN.length; i++) assert.ok(!got.includes(TOKEN.slice(i, i + 6)), `quotes a piece of the token: ${got}`)
    })
  }
})
