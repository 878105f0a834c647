// Runs `npm run demo -- --json [--stand-in]` as a user would (its own TMPDIR, so whatever it leaves
// can be seen) and checks the story it tells.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT } from './sandbox.ts'
import type { DemoResult } from '../../sandbox/demo.ts'

export async function checkDemo(args: string[]): Promise<DemoResult> {
  const tmp = await mkdtemp(join(tmpdir(), 'caf-demo-test-'))
  try {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'tasks/demo.ts'), '--json', ...args], { cwd: ROOT, env: { ...process.env, TMPDIR: tmp }, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    const code = await new Promise((r) => child.on('close', r))
    assert.equal(code, 0, stderr.slice(-2000))
    const demo = JSON.parse(stdout) as DemoResult
    const switched = demo.steps.filter((s) => s.step.startsWith('check-and-switch')).map((s) => s.stdout.trim())
    assert.equal(switched.length, 5)
    assert.match(switched[0]!, /^model switched: \(none\) → openai-codex\/gpt-5\.3-codex/)
    assert.equal(switched[1], '', 'alice cooling, bob answers: silent')
    assert.match(switched[2]!, /→ anthropic\/claude-opus-4-6 .*cooldown on all 2 openai-codex profiles, frees up/)
    assert.equal(switched[3], '', 'still cooling: silent')
    assert.match(switched[4]!, /→ openai-codex\/gpt-5\.3-codex .*can answer again/)
    assert.equal((demo.stateFile as { lastEffectiveModel: string }).lastEffectiveModel, 'anthropic/claude-opus-4-6')
    assert.match(demo.steps.find((s) => s.step.startsWith('doctor'))!.stdout, /0 fail/)
    assert.match(demo.steps.find((s) => s.step.startsWith('remove-profile'))!.stdout, /removed openai-codex:bob/)
    assert.equal(demo.tokenLeak, undefined)
    assert.equal(existsSync(demo.sandbox), false, 'the sandbox is removed')
    // Nothing else in its TMPDIR but tsx's compile cache.
    assert.deepEqual((await readdir(tmp)).filter((n) => !n.startsWith('tsx-')), [])
    return demo
  } finally {
    await rm(tmp, { recursive: true, force: true })
  }
}
