import assert from 'node:assert/strict'
import { chmod, mkdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { describe, test } from 'node:test'
import { detectOpenclaw } from '../lib/openclaw/detect.ts'
import { makeTempDir } from './support/temp-dir.ts'

type Shape = Record<string, string>
const store = (provider: string) => JSON.stringify({ version: 1, profiles: { [`${provider}:a`]: { type: 'oauth', provider } } })

async function stateDir(files: Shape, versionOutput?: string) {
  const dir = makeTempDir('caf-detect-')
  for (const [rel, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, rel)), { recursive: true })
    await writeFile(join(dir, rel), content)
  }
  let bin = join(dir, 'no-openclaw')
  if (versionOutput) {
    bin = join(dir, 'fake-openclaw')
    await writeFile(bin, `#!/bin/sh\necho '${versionOutput}'\n`)
    await chmod(bin, 0o755)
  }
  return { stateDir: dir, agentDir: join(dir, 'agents', 'main', 'agent'), env: { ...process.env, OPENCLAW_BIN: bin } }
}

const JSON_STORE = 'agents/main/agent/auth-profiles.json'
const SHARED_DB = 'state/openclaw.sqlite'
const AGENT_DB = 'agents/main/agent/openclaw-agent.sqlite'

describe('detectOpenclaw', () => {
  const cases: Array<[string, Shape, { installed?: string; flag?: string }, Record<string, unknown>]> = [
    ['installed 2026.5.28: JSON, openai-codex', {}, { installed: '2026.5.28' }, { store: 'json', provider: 'openai-codex', source: 'installed', version: '2026.5.28' }],
    ['installed 2026.6.1: JSON, openai', {}, { installed: 'OpenClaw 2026.6.1 (abc1234)' }, { store: 'json', provider: 'openai', version: '2026.6.1' }],
    ['installed 2026.6.5: state database', {}, { installed: '2026.6.5' }, { store: 'sqlite', provider: 'openai' }],
    ['installed 2026.9.6 banner form', {}, { installed: 'OpenClaw 2026.9.6 (eb377ac)' }, { store: 'sqlite', provider: 'openai', version: '2026.9.6' }],
    ['flag wins over the installed one', {}, { installed: '2026.9.6', flag: '2026.2.22' }, { store: 'json', provider: 'openai-codex', source: 'flag' }],
    ['no OpenClaw, shared state database', { [SHARED_DB]: '' }, {}, { store: 'sqlite', provider: 'openai', source: 'state-dir' }],
    ['no OpenClaw, agent state database', { [AGENT_DB]: '' }, {}, { store: 'sqlite', source: 'state-dir' }],
    ['no OpenClaw, JSON store of openai-codex ids', { [JSON_STORE]: store('openai-codex') }, {}, { store: 'json', provider: 'openai-codex', source: 'state-dir' }],
    ['no OpenClaw, JSON store of openai ids (2026.6.1-6.4)', { [JSON_STORE]: store('openai') }, {}, { store: 'json', provider: 'openai', source: 'state-dir' }],
    ['leftover JSON beside a database is reported', { [SHARED_DB]: '', [JSON_STORE]: store('openai-codex') }, {}, { store: 'sqlite', leftoverJson: 'LEFTOVER' }],
    ['installed 2026.9.6 with a leftover JSON', { [JSON_STORE]: store('openai-codex'), [AGENT_DB]: '' }, { installed: '2026.9.6' }, { store: 'sqlite', leftoverJson: 'LEFTOVER' }],
  ]
  for (const [name, files, { installed, flag }, want] of cases) {
    test(name, async () => {
      const s = await stateDir(files, installed)
      const got = await detectOpenclaw({ stateDir: s.stateDir, agentDir: s.agentDir, env: s.env, override: flag })
      for (const [k, v] of Object.entries(want)) assert.deepEqual(got[k as keyof typeof got], v === 'LEFTOVER' ? join(s.stateDir, JSON_STORE) : v, k)
    })
  }

  test('neither decides: exit 1 naming --openclaw-version', async () => {
    const s = await stateDir({})
    await assert.rejects(detectOpenclaw({ ...s }), (e: Error & { exitCode?: number }) => /--openclaw-version X\.Y\.Z/.test(e.message) && e.exitCode === 1)
  })

  test('a JSON-era version with a state database present is refused (never write JSON beside it)', async () => {
    const s = await stateDir({ [SHARED_DB]: '' })
    await assert.rejects(detectOpenclaw({ ...s, override: '2026.2.22' }), /belongs to a newer OpenClaw/)
  })
})
