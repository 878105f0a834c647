// A state dir as render-config meets it: a hand-made auth-profiles.json (two Codex accounts and an
// Anthropic token) and a JSON5 openclaw.json with comments, a secret, another provider and a stale id.
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

export const STORE = {
  version: 1,
  profiles: {
    'openai-codex:alice': { type: 'oauth', provider: 'openai-codex', access: 'access-alice-0123456789', refresh: 'refresh-alice-0123456789', expires: 2_000_000_000_000, accountId: 'acct-alice', email: 'alice@example.com' },
    'anthropic:me': { type: 'token', provider: 'anthropic', token: 'sk-ant-0123456789abcdef' },
    'openai-codex:bob': { type: 'oauth', provider: 'openai-codex', access: 'access-bob-0123456789', refresh: 'refresh-bob-0123456789', expires: 2_000_000_000_000, accountId: 'acct-bob', email: 'bob@example.com' },
  },
}

export const CONFIG = `{
  // the user's own notes
  gateway: { port: 18789, auth: { token: 'gateway-secret-0123456789' } },
  auth: {
    profiles: { 'anthropic:me': { provider: 'anthropic', mode: 'token' }, 'openai-codex:old': { provider: 'openai-codex', mode: 'oauth' } },
    order: { 'openai-codex': ['openai-codex:bob', 'openai-codex:old'] },
  },
}
`

export async function seedState(stateDir: string, config = CONFIG): Promise<void> {
  const agentDir = join(stateDir, 'agents', 'main', 'agent')
  await mkdir(agentDir, { recursive: true, mode: 0o700 })
  await writeFile(join(agentDir, 'auth-profiles.json'), JSON.stringify(STORE, null, 2), { mode: 0o600 })
  await writeFile(join(stateDir, 'openclaw.json'), config, { mode: 0o640 })
}
