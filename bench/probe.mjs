// Preloaded (NODE_OPTIONS=--import) into every process a bench run starts. At exit it appends one
// JSON line to $CAF_BENCH_PROBE: the process's argv, its peak RSS, its CPU time and lifetime, and every child it
// spawned with how long that child took (spawn to 'close', when the parent has all its output).
// That is how the bench knows, inside the very run it times, what the OpenClaw calls cost.
import childProcess from 'node:child_process'
import { appendFileSync } from 'node:fs'
import { syncBuiltinESMExports } from 'node:module'
import { performance } from 'node:perf_hooks'

const out = process.env.CAF_BENCH_PROBE
if (out) {
  const spawns = []
  const spawn = childProcess.spawn
  childProcess.spawn = function probedSpawn(command, args, options) {
    const started = performance.now()
    const child = spawn.call(this, command, args, options)
    const record = { argv: [command, ...(Array.isArray(args) ? args : [])].map(String), ms: -1 }
    spawns.push(record)
    child.once('close', () => { record.ms = performance.now() - started })
    return child
  }
  syncBuiltinESMExports()
  process.once('exit', () => {
    const usage = process.resourceUsage()
    const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000
    const line = { pid: process.pid, ppid: process.ppid, argv: process.argv.slice(1), lifeMs: performance.now(), cpuMs, maxRssKb: usage.maxRSS, spawns }
    appendFileSync(out, `${JSON.stringify(line)}\n`)
  })
}
