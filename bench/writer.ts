// One writer of the contention bench (like test/support/hammer.ts's ours-store mode, plus timing).
// argv: path id count. Prints "ready", waits for a line on stdin so that every writer starts at once,
// then makes count updates through our JSON store write path (OpenClaw's lock, re-read, backup, temp
// file, rename) and prints {latencies} in ms, each from asking for the lock to the rename done.
import { performance } from 'node:perf_hooks'
import { updateJsonStore } from '../lib/openclaw/stores/json.ts'

const [path, id, countText] = process.argv.slice(2) as [string, string, string]
process.stdout.write('ready\n')
await new Promise((resolve) => process.stdin.once('data', resolve))
const latencies: number[] = []
for (let i = 0; i < Number(countText); i++) {
  const started = performance.now()
  await updateJsonStore(path, (store) => ({
    store: { ...store, profiles: { ...store.profiles, [`bench:${id}-${i}`]: { type: 'token', provider: 'bench', token: 'not-a-secret' } } },
    result: null,
  }))
  latencies.push(performance.now() - started)
}
process.stdout.write(`${JSON.stringify({ latencies })}\n`)
process.stdin.destroy()
