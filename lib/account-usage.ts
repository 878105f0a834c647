// Every Codex account's usage, read side by side: the tokens come from the store (on 2026.6.5+
// through OpenClaw's SDK in the bridge), each account is asked once with a timeout, and what one
// call says never holds up or spoils another's.
import { fetchAccountUsage, resolveUsageBaseUrl, type UsageReading } from './chatgpt-usage.ts'
import type { AuthStore, StoredAccount } from './openclaw/store.ts'
import type { Env } from './openclaw/state-dir.ts'

export interface AccountReading {
  profileId: string
  email?: string
  plan?: string
  reading: UsageReading
}

export interface CodexUsage {
  readings: AccountReading[]
  /** The explicit order OpenClaw uses for the Codex provider, when there is one. */
  order?: string[]
  /** Where the numbers came from (CHATGPT_BASE_URL or chatgpt.com). */
  baseUrl: string
}

export async function loadCodexUsage({ store, env, signal, now = Date.now(), timeoutMs }: {
  store: AuthStore
  env: Env
  signal?: AbortSignal
  now?: number
  timeoutMs?: number
}): Promise<CodexUsage> {
  const { accounts, order } = await store.loadCodexAccounts()
  const baseUrl = resolveUsageBaseUrl(env)
  const readings = await Promise.all(accounts.map(async (a: StoredAccount): Promise<AccountReading> => {
    const reading: UsageReading = a.accountId
      ? await fetchAccountUsage({ accessToken: a.access, accountId: a.accountId, expires: a.expires, baseUrl, signal, now, timeoutMs })
      : { status: 'unknown', reason: 'no account id stored' }
    const plan = reading.status === 'ok' ? reading.usage.plan ?? a.plan : a.plan
    return { profileId: a.profileId, ...(a.email ? { email: a.email } : {}), ...(plan ? { plan } : {}), reading }
  }))
  return { readings, ...(order ? { order } : {}), baseUrl }
}
