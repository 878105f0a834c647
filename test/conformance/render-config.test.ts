// render-config against the real releases (pins.json): what we render is what OpenClaw accepts and
// reads back, and what it rejects is never written.
import assert from 'node:assert/strict'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { resolveConfigMerge } from '../../lib/config-merge.ts'
import { loadConfigTemplate, resolveTemplatePath } from '../../lib/config-template.ts'
import { formatConfig } from '../../lib/openclaw/config.ts'
import { validateConfigText } from '../../lib/openclaw/validate-config.ts'
import type { ProfileSummary } from '../../lib/openclaw/store.ts'
import { CONFIG, STORE, seedState } from '../support/config-fixture.ts'
import { createSandbox, findTokenLeak, type Sandbox } from '../support/sandbox.ts'
import { requireOpenclaw, runOpenclaw, type Era, type OpenclawInstall } from '../support/tools.ts'

async function resolveSkip(era: Era): Promise<string | false> {
  const probe = await createSandbox()
  const found = await requireOpenclaw(era, probe.root)
  await probe.cleanup()
  return 'skip' in found ? found.skip : false
}

function useSandbox(era: Era, skip: string | false) {
  const ctx = {} as { sb: Sandbox; oc: OpenclawInstall }
  before(async () => {
    if (skip) return
    ctx.sb = await createSandbox()
    ctx.oc = (await requireOpenclaw(era, ctx.sb)) as OpenclawInstall
  })
  after(() => ctx.sb?.cleanup())
  return ctx
}

describe('render-config on OpenClaw legacy (2026.2.22, auth-profiles.json)', async () => {
  const skip = await resolveSkip('legacy')
  const ctx = useSandbox('legacy', skip)
  const configPath = () => join(ctx.sb.stateDir, 'openclaw.json')
  const render = (...args: string[]) => ctx.sb.run('render-config', args, { env: ctx.oc.env })

  test('a dry run names the installed release, prints the diff and writes nothing', { skip }, async () => {
    await seedState(ctx.sb.stateDir)
    const r = await render()
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stderr, new RegExp(`OpenClaw ${ctx.oc.version} \\(installed\\): auth-profiles.json`))
    assert.match(r.stdout, /^\+\+\+ .*openclaw\.json \(rendered\)$/m)
    assert.match(r.stdout, /dropped from auth.profiles\/auth.order, not in the credential store: openai-codex:old/)
    assert.equal(await readFile(configPath(), 'utf8'), CONFIG)
  })

  test('--write is accepted by the release, which loads it and reports the models we wrote', { skip }, async () => {
    const r = await render('--write')
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, new RegExp(`✓ wrote .*openclaw\\.json \\(accepted by OpenClaw ${ctx.oc.version}\\); backup `))
    assert.doesNotMatch(r.stderr, /without validation/)

    const get = await runOpenclaw(ctx.oc, ctx.sb, ['config', 'get', 'agents.defaults.model', '--json'])
    assert.equal(get.code, 0, get.stderr)
    assert.deepEqual(get.json(), { primary: 'anthropic/claude-opus-4-6', fallbacks: ['openai-codex/gpt-5.3-codex'] })
    const status = await runOpenclaw(ctx.oc, ctx.sb, ['models', 'status', '--json'])
    assert.equal(status.code, 0, status.stderr)
    const s = status.json()
    assert.equal(s.defaultModel, 'anthropic/claude-opus-4-6')
    assert.deepEqual(s.fallbacks, ['openai-codex/gpt-5.3-codex'])
    assert.deepEqual(s.aliases, { opus: 'anthropic/claude-opus-4-6', codex: 'openai-codex/gpt-5.3-codex' })
    const written = JSON.parse(await readFile(configPath(), 'utf8'))
    assert.deepEqual(written.auth.order, { 'openai-codex': ['openai-codex:bob', 'openai-codex:alice'] })
  })

  test('a config the release rejects (a planted unknown key) is not written; every file stays byte-identical', { skip }, async () => {
    await writeFile(configPath(), `{ bogusKey: 1, ${CONFIG.slice(1)}`)
    const beforeSnap = await ctx.sb.snapshot(ctx.sb.stateDir)
    const r = await render('--write')
    assert.equal(r.code, 1)
    assert.match(r.stderr, /^✗ OpenClaw 2026\.2\.22 rejects the rendered config: <root>: Unrecognized key: "bogusKey"; nothing was written/m)
    assert.equal(r.stderr.split('\n').filter((l) => l.startsWith('✗')).length, 1)
    assert.deepEqual(await ctx.sb.snapshot(ctx.sb.stateDir), beforeSnap)
  })

  test('no token of the store in any output', { skip }, async () => {
    const tokens = Object.values(STORE.profiles).flatMap((p) => Object.entries(p).filter(([k]) => ['access', 'refresh', 'token'].includes(k)).map(([, v]) => String(v)))
    const leak = findTokenLeak(ctx.sb.output.join('\n'), tokens)
    assert.equal(leak, undefined, leak)
  })
})

describe('rendered config on OpenClaw current (2026.9.6, openai naming)', async () => {
  const skip = await resolveSkip('current')
  const ctx = useSandbox('current', skip)
  const profiles: ProfileSummary[] = ['alice', 'bob'].map((n) => ({ profileId: `openai:${n}`, provider: 'openai', type: 'oauth', email: `${n}@example.com`, hasRefresh: true }))
  // The store adapter of this generation is issue 3's; until it lands the merge is fed a profile list.
  const render = async () => resolveConfigMerge({
    config: {
      gateway: { port: 18789 },
      auth: { profiles: { 'openai-codex:alice': { provider: 'openai-codex', mode: 'oauth' } }, order: { 'openai-codex': ['openai-codex:alice'] } },
    },
    template: await loadConfigTemplate(resolveTemplatePath('openai')),
    profiles,
    provider: 'openai',
    retiredProviders: ['openai-codex'],
  })

  test('passes the real `config validate --json`, and models status shows the primary and fallbacks', { skip }, async () => {
    const merged = await render()
    assert.deepEqual(merged.stale, ['openai-codex:alice'])
    await writeFile(join(ctx.sb.stateDir, 'openclaw.json'), formatConfig(merged.config), { mode: 0o600 })
    const v = await runOpenclaw(ctx.oc, ctx.sb, ['config', 'validate', '--json'])
    assert.equal(v.code, 0, v.stdout + v.stderr)
    assert.equal(v.json().valid, true)
    const status = await runOpenclaw(ctx.oc, ctx.sb, ['models', 'status', '--json'])
    assert.equal(status.code, 0, status.stderr)
    assert.equal(status.json().defaultModel, 'anthropic/claude-opus-4-6')
    assert.deepEqual(status.json().fallbacks, ['openai/gpt-5.5'])
  })

  test('validateConfigText takes the verdict of the installed release, and leaves no file behind', { skip }, async () => {
    const { config } = await render()
    const configPath = join(ctx.sb.stateDir, 'openclaw.json')
    const env = { ...ctx.sb.env, ...ctx.oc.env }
    const beforeSnap = await ctx.sb.snapshot(ctx.sb.stateDir)
    const good = await validateConfigText({ text: formatConfig(config), configPath, env })
    assert.deepEqual(good, { status: 'valid', version: ctx.oc.version, warnings: [] })
    // auth.cooldowns was valid in 2026.2.22 and is a retired key now.
    const bad = await validateConfigText({ text: formatConfig({ ...config, auth: { ...(config.auth as object), cooldowns: { billingBackoffHours: 5 } } }), configPath, env })
    assert.equal(bad.status, 'invalid')
    assert.match(bad.status === 'invalid' ? bad.problems.join('; ') : '', /auth.*cooldowns/)
    assert.deepEqual(await ctx.sb.snapshot(ctx.sb.stateDir), beforeSnap)
  })
})
