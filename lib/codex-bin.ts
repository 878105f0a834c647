// Which codex CLI to run: $CODEX_BIN, else `codex` on PATH, else the one this project depends on.
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { which } from 'zx'

export async function resolveCodexBin(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (env.CODEX_BIN?.trim()) return env.CODEX_BIN
  const onPath = await which('codex', { nothrow: true, path: env.PATH })
  if (onPath) return onPath
  const require = createRequire(import.meta.url)
  try {
    const pkgPath = require.resolve('@openai/codex/package.json')
    const bin = require(pkgPath).bin
    return join(dirname(pkgPath), typeof bin === 'string' ? bin : bin.codex)
  } catch {
    return 'codex' // fails later with the install hint
  }
}
