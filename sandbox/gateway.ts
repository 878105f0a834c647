// A real OpenClaw gateway for a test: loopback port, token auth, its own process group, stopped by
// its pid (never by name: other sessions on a machine may run gateways of their own).
import { spawn } from 'node:child_process'
import { createServer } from 'node:net'
import type { OpenclawInstall } from './openclaw-install.ts'

export interface Gateway {
  port: number
  token: string
  pid: number
  /** Env that points the openclaw CLI (and our tool) at this gateway. */
  env: NodeJS.ProcessEnv
  log: () => string
  stop(): Promise<void>
}

export async function startGateway(install: OpenclawInstall, sb: { env: NodeJS.ProcessEnv }, { readyTimeoutMs = 120_000 } = {}): Promise<Gateway> {
  const port = await freePort()
  const token = `test-gateway-${port}-${Date.now()}`
  const env = { OPENCLAW_GATEWAY_PORT: String(port), OPENCLAW_GATEWAY_TOKEN: token }
  const child = spawn(install.openclaw, ['gateway', 'run', '--port', String(port), '--bind', 'loopback', '--auth', 'token', '--token', token, '--allow-unconfigured'], {
    env: {
      ...sb.env, ...install.env, ...env,
      OPENCLAW_NO_RESPAWN: '1', OPENCLAW_SKIP_CHANNELS: '1', OPENCLAW_SKIP_CANVAS_HOST: '1',
      OPENCLAW_SKIP_BROWSER_CONTROL_SERVER: '1', OPENCLAW_SKIP_GMAIL_WATCHER: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  let log = ''
  child.stdout.on('data', (d) => (log += d))
  child.stderr.on('data', (d) => (log += d))
  const exited = new Promise<void>((r) => child.on('exit', () => r()))
  // The whole process group, not just its leader: a worker that outlives the gateway can still hold
  // the agent database's maintenance lease, and the next command would find it held.
  const stop = async () => {
    if (!signalGroup(child.pid!, 'SIGTERM')) return
    const timer = setTimeout(() => signalGroup(child.pid!, 'SIGKILL'), 10_000)
    await exited
    await waitForGroupGone(child.pid!)
    clearTimeout(timer)
  }
  // Ready is what the gateway says: 2026.9 logs "[gateway] ready" once it serves (its port opens
  // seconds before); 2026.2.22 logs "listening on ws://HOST:PORT". A stop before that can leave
  // OpenClaw's state leases held for the next command, so a start that fails is stopped only after
  // it has said something or exited.
  const readyLine = new RegExp(`\\[gateway\\] ready|listening on ws://127\\.0\\.0\\.1:${port}\\b`)
  const ready = await new Promise<'ready' | 'exited' | 'timeout'>((resolve) => {
    const check = () => { if (readyLine.test(log)) resolve('ready') }
    child.stdout.on('data', check)
    child.stderr.on('data', check)
    child.on('exit', () => resolve('exited'))
    setTimeout(() => resolve('timeout'), readyTimeoutMs).unref()
  })
  if (ready !== 'ready') {
    await stop()
    throw new Error(`gateway did not become ready on 127.0.0.1:${port} (${ready}): ${log.slice(-800)}`)
  }
  return { port, token, pid: child.pid!, env, log: () => log, stop }
}

function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal)
    return true
  } catch {
    return false
  }
}

/** Resolves once no process of the group is left (kill 0 answers ESRCH), checking every 50 ms. */
async function waitForGroupGone(pgid: number): Promise<void> {
  while (signalGroup(pgid, 0 as unknown as NodeJS.Signals)) await new Promise((r) => setTimeout(r, 50))
}

/** A port nothing listens on right now (for a gateway, or for "no gateway here"). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number }
      srv.close(() => resolve(port))
    })
    srv.on('error', reject)
  })
}
