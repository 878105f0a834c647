#!/usr/bin/env node
// What the cron job runs: dist/check-and-switch.mjs (npm run build; install-cron builds it) while it
// is at least as new as everything it is built from, else tasks/check-and-switch.ts itself, so a
// `git pull` or an edit never leaves a stale bundle running; the next build makes it fast again.
// Plain JS with no dependencies, so that it runs before anything is built and adds almost nothing
// to a fresh start (the bundle's whole point: a check within a hair of its own OpenClaw call).
import { spawn } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const BUNDLE = join(ROOT, 'dist', 'check-and-switch.mjs')
const TASK = join(ROOT, 'tasks', 'check-and-switch.ts')

/**
 * The bundle is fresh when no source is newer: everything under lib/ (its directories too, whose
 * mtime moves when a file is added or removed), the task, and package-lock.json (npm ci after a
 * dependency changed; a checkout without one is judged on the rest).
 */
function isBundleFresh() {
  const mtime = (path) => statSync(path).mtimeMs
  let built
  try {
    built = mtime(BUNDLE)
  } catch {
    return false
  }
  const lib = join(ROOT, 'lib')
  const lock = join(ROOT, 'package-lock.json')
  const sources = [lib, ...readdirSync(lib, { recursive: true }).map((p) => join(lib, p)), TASK, lock]
  return sources.every((path) => {
    try {
      return mtime(path) <= built
    } catch {
      return path === lock
    }
  })
}

if (isBundleFresh()) await import(pathToFileURL(BUNDLE).href)
else if (process.features.typescript) await import(pathToFileURL(TASK).href)
else {
  // A node that cannot run TypeScript goes through tsx's CLI. install-cron picks a node that can
  // when there is one: tsx's esbuild service can outlive this process, and OpenClaw 2026.9 fails a
  // command run whose process group is not gone 300 ms after it exits.
  const child = spawn(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), TASK, ...process.argv.slice(2)], { stdio: 'inherit' })
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
  child.on('close', (code, signal) => {
    process.exitCode = code ?? (signal === 'SIGINT' ? 130 : 143)
  })
}
