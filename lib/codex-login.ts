// Signs in with the real codex CLI in a fresh private CODEX_HOME (0700) that is removed afterwards,
// whatever happens. Refresh tokens are single-use and a second login into the same home revokes
// the first, so a home is never reused; `codex logout` revokes too, so it is never called. The
// user's own ~/.codex is never read or written: the child only ever sees our private home.
import { mkdtemp, rm, chmod, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CafError, Interrupted } from './errors.ts'
import { runChild } from './run-child.ts'
import { parseCodexAuth } from './codex-auth-file.ts'
import type { CodexTokens } from './claims.ts'

export const LOGIN_HOME_PREFIX = 'caf-codex-login-'

export interface CodexLoginOptions {
  bin: string
  flow: 'device' | 'browser'
  /** Passed as --experimental_issuer (device flow only): tests and the demo use a loopback server. */
  issuer?: string
  /** Each line codex prints (the device URL and code must reach the user). */
  onOutput: (line: string) => void
  signal: AbortSignal
  parentDir?: string
  env?: NodeJS.ProcessEnv
}

export function resolveLoginArgs({ flow, issuer }: Pick<CodexLoginOptions, 'flow' | 'issuer'>): string[] {
  if (issuer && flow !== 'device') throw new CafError('--issuer works with the device flow only; drop --browser')
  return [
    'login',
    ...(flow === 'device' ? ['--device-auth'] : []),
    '-c', 'cli_auth_credentials_store="file"', // never the keyring: we must be able to read the result
    ...(issuer ? ['--experimental_issuer', issuer] : []),
  ]
}

export async function loginWithCodex(options: CodexLoginOptions): Promise<CodexTokens> {
  const { bin, onOutput, signal, parentDir = tmpdir(), env = process.env } = options
  const args = resolveLoginArgs(options)
  if (signal.aborted) throw new Interrupted(signal.reason)
  const home = await mkdtemp(join(parentDir, LOGIN_HOME_PREFIX))
  try {
    await chmod(home, 0o700)
    const tail: string[] = []
    const result = await runChild(bin, args, {
      env: { ...env, CODEX_HOME: home },
      signal,
      onLine: (line) => {
        onOutput(line)
        if (line.trim()) tail.splice(0, tail.length, line.trim())
      },
    })
    if (result.exitCode === 127 || result.exitCode === 126) throw new CafError(`cannot run codex (${bin}); install it with npm i -g @openai/codex or set CODEX_BIN`)
    if (!result.ok) {
      // codex's last line says why (denied, expired code, no network); it never holds a token
      throw new CafError(`codex login failed (exit ${result.exitCode ?? 'killed'}): ${stripAnsi(tail[0] ?? 'no output')}`)
    }
    const path = join(home, 'auth.json')
    let text: string
    try {
      text = await readFile(path, 'utf8')
    } catch (cause) {
      throw new CafError('codex login succeeded but wrote no auth.json; is this codex CLI too old for cli_auth_credentials_store?', { cause })
    }
    return parseCodexAuth(text, 'codex login result')
  } catch (err) {
    if (signal.aborted && !(err instanceof Interrupted)) throw new Interrupted(signal.reason)
    throw err
  } finally {
    await rm(home, { recursive: true, force: true })
  }
}

export function stripAnsi(text: string): string {
  return text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '')
}
