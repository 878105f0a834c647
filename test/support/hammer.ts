// One process of the concurrency suite. argv: mode path id count
//   ours-store   our JSON store write path (lock, re-read, backup, temp, rename), one profile per update
//   ours-config  our config write path, one key per update
//   gateway      OpenClaw's own way: its lock protocol, then an in-place writeFileSync of usageStats
// Prints one JSON line: {updates, parseFailures}.
import { readFileSync, writeFileSync } from 'node:fs'
import { updateConfig } from '../../lib/openclaw/config.ts'
import { updateJsonStore } from '../../lib/openclaw/stores/json.ts'
import { withFileLock } from '../../lib/openclaw/lock.ts'

const [mode, path, id, countText] = process.argv.slice(2) as [string, string, string, string]
const count = Number(countText)
let parseFailures = 0

for (let i = 0; i < count; i++) {
  if (mode === 'ours-store') {
    await updateJsonStore(path, (store) => ({
      store: { ...store, profiles: { ...store.profiles, [`test:${id}-${i}`]: { type: 'token', provider: 'test', token: 'not-a-secret' } } },
      result: null,
    }))
  } else if (mode === 'ours-config') {
    await updateConfig(path, async ({ data }) => ({ data: { ...data, [`w${id}-${i}`]: i }, result: null }))
  } else if (mode === 'gateway') {
    // OpenClaw 2026.2.22's updateAuthProfileStoreWithLock: lock, read, mutate, writeFileSync in place.
    await withFileLock(path, async () => {
      let store
      try {
        store = JSON.parse(readFileSync(path, 'utf8'))
      } catch {
        parseFailures++
        return
      }
      store.usageStats = { ...store.usageStats, [`gw-${id}-${i}`]: { lastUsed: Date.now(), errorCount: 0 } }
      writeFileSync(path, `${JSON.stringify(store, null, 2)}\n`)
    }, { retries: 10, minDelayMs: 100, maxDelayMs: 10_000 })
  }
}
process.stdout.write(`${JSON.stringify({ updates: count, parseFailures })}\n`)
