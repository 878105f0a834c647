// With CAF_TEST_RECORD_DIR set (CI sets it), every test records the output of every command it
// runs and every token it mints there, so test/hardening/zz-secrets-scan.test.ts can look for a
// token, or any 12-character piece of one, in the output of the whole run.
import { appendFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'

const dir = process.env.CAF_TEST_RECORD_DIR

export function recordOutput(...texts: string[]): void {
  if (!dir) return
  mkdirSync(dir, { recursive: true })
  appendFileSync(join(dir, `output-${process.pid}.log`), `${texts.join('\n')}\n`)
}

export function recordTokens(...tokens: Array<string | undefined>): void {
  if (!dir) return
  mkdirSync(dir, { recursive: true })
  appendFileSync(join(dir, `tokens-${process.pid}.txt`), tokens.filter(Boolean).map((t) => `${t}\n`).join(''))
}
