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
    if (demo.story === 'legacy') checkLegacyStory(demo, switched)
    else checkCurrentStory(demo, switched)
    assert.match(demo.steps.find((s) => s.step.startsWith('doctor'))!.stdout, /0 fail/)
    assert.equal(demo.tokenLeak, undefined)
    assert.equal(existsSync(demo.sandbox), false, 'the sandbox is removed')
    // Nothing else in its TMPDIR but tsx's compile cache.
    assert.deepEqual((await readdir(tmp)).filter((n) => !n.startsWith('tsx-')), [])
    return demo
  } finally {
    await rm(tmp, { recursive: true, force: true })
  }
}

/** The 2026.2 story: cooldowns planted the way OpenClaw records them move the session, then silence. */
function checkLegacyStory(demo: DemoResult, switched: string[]): void {
  assert.equal(switched.length, 5)
  assert.match(switched[0]!, /^model switched: \(none\) → openai-codex\/gpt-5\.3-codex/)
  assert.equal(switched[1], '', 'alice cooling, bob answers: silent')
  assert.match(switched[2]!, /→ anthropic\/claude-opus-4-6 .*cooldown on all 2 openai-codex profiles, frees up/)
  assert.equal(switched[3], '', 'still cooling: silent')
  assert.match(switched[4]!, /→ openai-codex\/gpt-5\.3-codex .*can answer again/)
  assert.equal((demo.stateFile as { lastEffectiveModel: string }).lastEffectiveModel, 'anthropic/claude-opus-4-6')
  assert.match(demo.steps.find((s) => s.step.startsWith('remove-profile'))!.stdout, /removed openai-codex:bob/)
}

/** The current release's story: a real turn answered by bob, then the order and the model from the usage. */
function checkCurrentStory(demo: DemoResult, switched: string[]): void {
  assert.equal(demo.turn?.answeredBy, 'bob@example.com')
  // The turn's own requests: alice refused, then bob's answer (2026.9.6's gateway also asks its
  // utility model beside the turn, through alice first: marked, and left out here).
  assert.equal(demo.turn!.turnRequests, 'alice@example.com 429, bob@example.com 200', demo.turn!.requests)
  assert.equal(switched.length, 4)
  assert.match(switched[0]!, /^model switched: \(none\) → openai\/gpt-5\.5 .*\ncodex accounts reordered: openai:bob, openai:alice \(was openai:alice, openai:bob\); openai:alice exhausted, frees up /)
  assert.equal(switched[1], '', 'nothing changed: silent')
  assert.match(switched[2]!, /^model switched: openai\/gpt-5\.5 → anthropic\/claude-opus-4-6 .*every openai account is at or above 90 % of a window/)
  assert.match(switched[3]!, /^model switched: anthropic\/claude-opus-4-6 → openai\/gpt-5\.5 .*can answer again\ncodex accounts reordered: openai:alice, openai:bob /)
  assert.match(demo.steps.find((s) => s.step.startsWith('remove-profile'))!.stdout, /removed openai:bob/)
}
