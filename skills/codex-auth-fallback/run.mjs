#!/usr/bin/env node
// The skill's launcher: `node <this skill's dir>/run.mjs <command> [flags]` runs one command of the
// codex-auth-fallback checkout the skill came from, so the agent needs one path (this file's) and
// no knowledge of the checkout. Node built-ins only: a copy of the skill folder must run alone.
//
// checkout.json beside this file, which `npm run install-skill` puts in its copy (--record-only: in
// the checkout's own folder, for a copy made otherwise), names the checkout (a copy in
// <state>/skills has no other way to know), the node (and tsx) that runs its commands, and the
// OPENCLAW_* paths of the shell that installed the skill, filled in where the agent's exec lacks
// them: its `sh -lc` resets PATH. Without it, a folder still inside its checkout
// (<checkout>/skills/<name>) runs the commands on this node.
import { spawn } from 'node:child_process'
import { existsSync, readFileSync, realpathSync } from 'node:fs'
import { createRequire } from 'node:module'
import { delimiter, dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** What the agent may run itself: they read, or (check-and-switch) move the session and reorder the accounts. */
const AGENT_COMMANDS = ['status', 'doctor', 'check-and-switch']
/** What only the user runs; the launcher prints the exact line and runs nothing. */
const USER_COMMANDS = {
  'add-profile': 'it signs in with a browser or a device code on your side',
  'remove-profile': 'it takes an account out of the store',
  'render-config': 'it rewrites openclaw.json (a diff first)',
  'install-cron': 'it puts a cron job into OpenClaw',
}
const POINTER = 'checkout.json'

const here = dirname(realpathSync(fileURLToPath(import.meta.url)))
const [command, ...args] = process.argv.slice(2)

function fail(message, code = 1) {
  process.stderr.write(`✗ ${message}\n`)
  process.exit(code)
}

function isCheckout(dir) {
  try {
    return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name === 'codex-auth-fallback' && existsSync(join(dir, 'tasks', 'status.ts'))
  } catch {
    return false
  }
}

function resolveCheckout() {
  const pointer = join(here, POINTER)
  let recorded
  try {
    recorded = JSON.parse(readFileSync(pointer, 'utf8'))
  } catch {
    const around = resolve(here, '..', '..')
    if (isCheckout(around)) return { checkout: around, runner: resolveRunner(around), env: {} }
    fail(`this copy of the skill does not know where the codex-auth-fallback checkout is (no ${pointer}); run \`npm run install-skill\` in the checkout`)
  }
  if (typeof recorded?.checkout !== 'string' || !isCheckout(recorded.checkout)) {
    fail(`${pointer} names ${JSON.stringify(recorded?.checkout)}, which is not a codex-auth-fallback checkout (moved or deleted?); run \`npm run install-skill\` in the checkout`)
  }
  const runner = Array.isArray(recorded.runner) && recorded.runner.length && recorded.runner.every((p) => typeof p === 'string' && existsSync(p))
    ? recorded.runner
    : resolveRunner(recorded.checkout)
  const env = Object.fromEntries(Object.entries(recorded.env ?? {}).filter(([k, v]) => /^OPENCLAW_[A-Z_]+$/.test(k) && typeof v === 'string'))
  return { checkout: recorded.checkout, runner, env }
}

const quote = (arg) => (/^[\w/.:=@%+,-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`)

/** Node runs TypeScript itself from 22.18 and 24.3; before that, tsx's CLI from the checkout runs it. */
function resolveRunner(checkout) {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number)
  const strips = major === 22 ? minor >= 18 : major === 24 ? minor >= 3 : major >= 25
  return strips ? [process.execPath] : [process.execPath, createRequire(join(checkout, 'package.json')).resolve('tsx/cli')]
}

const usage = `usage: node ${quote(join(here, 'run.mjs'))} <${AGENT_COMMANDS.join('|')}> [flags]`
if (!command || command === '--help' || command === '-h') {
  const text = `${usage}\n  (${Object.keys(USER_COMMANDS).join(', ')}: prints the command for the user to run)\n`
  ;(command ? process.stdout : process.stderr).write(text)
  process.exit(command ? 0 : 2)
}

const { checkout, runner, env } = resolveCheckout()
if (Object.hasOwn(USER_COMMANDS, command)) {
  // Not an error of the agent's: it asked for the line to hand over, and got it.
  const line = `cd ${quote(checkout)} && npm run ${command} --${args.length ? ` ${args.map(quote).join(' ')}` : ''}`
  process.stdout.write(`not run: ${command} is for the user to run (${USER_COMMANDS[command]}):\n  ${line}\n`)
  process.exit(0)
}
if (!AGENT_COMMANDS.includes(command)) fail(`unknown command "${command}"; ${usage}`, 2)

const [program, ...lead] = runner
const childEnv = { ...env, ...process.env }
// OpenClaw's bin finds its node through PATH (`#!/usr/bin/env node`), which the exec's `sh -lc` reset.
if (childEnv.OPENCLAW_NODE) childEnv.PATH = [dirname(childEnv.OPENCLAW_NODE), childEnv.PATH].filter(Boolean).join(delimiter)
const child = spawn(program, [...lead, join(checkout, 'tasks', `${command}.ts`), ...args], {
  cwd: checkout,
  env: childEnv,
  stdio: 'inherit',
})
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('close', (code, signal) => {
  if (signal) {
    process.removeAllListeners(signal)
    process.kill(process.pid, signal)
  }
  else process.exit(code ?? 1)
})
