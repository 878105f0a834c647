// The OpenClaw skill (skills/codex-auth-fallback) as both pinned releases see it: listed eligible
// once installed (by install-skill, by `openclaw skills install <path>` on 2026.9.6, by a copy into
// <state>/skills on 2026.2.22), gated out when node or codex is missing, its description in
// `skills info`; and one real agent turn in which the model (the loopback backend, scripted) calls
// the exec tool with the command SKILL.md gives, derived from the location OpenClaw's prompt names.
import assert from 'node:assert/strict'
import { accessSync, constants } from 'node:fs'
import { cp, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { delimiter, join } from 'node:path'
import { after, describe, test } from 'node:test'
import { updateConfig } from '../../lib/openclaw/config.ts'
import { openFailoverWorld, type FailoverWorld } from '../../sandbox/failover-world.ts'
import { freePort } from '../../sandbox/gateway.ts'
import { recordTokens } from '../support/record.ts'
import { createSandbox, findTokenLeak, ROOT, type Sandbox } from '../support/sandbox.ts'
import { probeOpenclaw, requireOpenclaw, runOpenclaw, type Era, type OpenclawInstall } from '../support/tools.ts'

const NAME = 'codex-auth-fallback'
const SOURCE = join(ROOT, 'skills', NAME)

const hasProgram = (dir: string, name: string) => {
  try {
    accessSync(join(dir, name), constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** PATH with the release's bin dir (node@24, openclaw) and a dir holding codex, minus what `without` names. */
async function resolveSkillPath(sb: Sandbox, oc: OpenclawInstall, without?: 'node' | 'codex'): Promise<string> {
  const codexDir = join(sb.root, 'bin-codex')
  await mkdir(codexDir, { recursive: true })
  await symlink(join(ROOT, 'node_modules', '.bin', 'codex'), join(codexDir, 'codex')).catch(() => {})
  const rest = (process.env.PATH ?? '').split(delimiter).filter((d) => d && !hasProgram(d, 'codex') && !hasProgram(d, 'node'))
  return [...(without === 'node' ? [] : [oc.binDir]), ...(without === 'codex' ? [] : [codexDir]), ...rest].join(delimiter)
}

for (const era of ['legacy', 'current'] as const satisfies readonly Era[]) {
  describe(`the skill on OpenClaw ${era}`, async () => {
    const skip = await probeOpenclaw(era)
    const cleanups: Array<() => Promise<void>> = []
    const tokens: string[] = []
    after(async () => {
      for (const c of cleanups.reverse()) await c()
    })
    async function open() {
      const sb = await createSandbox()
      cleanups.push(() => sb.cleanup())
      const oc = (await requireOpenclaw(era, sb)) as OpenclawInstall
      // skills list/info on 2026.9.6 may ask a gateway: a port of its own that nothing listens on.
      const env = { ...oc.env, OPENCLAW_GATEWAY_PORT: String(await freePort()) }
      return { sb, oc, env }
    }
    /** `skills list --json` run on OpenClaw's node by absolute path, so PATH may lack `node`. */
    async function listSkill(sb: Sandbox, oc: OpenclawInstall, env: NodeJS.ProcessEnv, PATH: string, extra: NodeJS.ProcessEnv = {}) {
      const r = await runOpenclaw({ ...oc, openclaw: oc.node }, sb, [join(oc.packageDir, 'openclaw.mjs'), 'skills', 'list', '--json'], { ...env, PATH, ...extra })
      assert.equal(r.code, 0, r.stderr.slice(-800))
      return r.json().skills.find((s: { name: string }) => s.name === NAME)
    }

    test('install-skill puts a copy in <state>/skills: eligible in skills list, its description in skills info; gated out without codex or node', { skip, timeout: 300_000 }, async () => {
      const { sb, oc, env } = await open()
      const installed = await sb.run('install-skill', ['--json'], { env })
      assert.equal(installed.code, 0, installed.stderr)
      const report = JSON.parse(installed.stdout)
      assert.equal(report.installedTo, join(sb.stateDir, 'skills', NAME))
      assert.equal(report.pointer.checkout, ROOT.replace(/\/$/, ''))
      assert.equal(report.pointer.env.OPENCLAW_STATE_DIR, sb.stateDir)

      const listed = await listSkill(sb, oc, env, await resolveSkillPath(sb, oc))
      assert.equal(listed?.eligible, true, JSON.stringify(listed))
      assert.equal(listed.source, 'openclaw-managed')
      const info = await runOpenclaw(oc, sb, ['skills', 'info', NAME, '--json'], { ...env, PATH: await resolveSkillPath(sb, oc) })
      assert.equal(info.code, 0, info.stderr)
      const skillMd = await readFile(join(SOURCE, 'SKILL.md'), 'utf8')
      const description = /^description: (.+)$/m.exec(skillMd)?.[1]
      assert.equal(info.json().description, description)
      assert.deepEqual(info.json().requirements.bins, ['node', 'codex'])
      assert.equal(info.json().baseDir, report.installedTo)

      const noCodex = await listSkill(sb, oc, env, await resolveSkillPath(sb, oc, 'codex'))
      assert.deepEqual([noCodex.eligible, noCodex.missing.bins], [false, ['codex']])
      // OpenClaw puts its own node's dir (2026.9.6) or /usr/bin (both) on PATH at start, so in a real
      // install node is always found; the gate shows only with that bootstrap off.
      const noNode = await listSkill(sb, oc, env, await resolveSkillPath(sb, oc, 'node'), { OPENCLAW_PATH_BOOTSTRAPPED: '1' })
      assert.deepEqual([noNode.eligible, noNode.missing.bins], [false, ['node']])
    })

    const byHand = era === 'current' ? 'openclaw skills install <path> (after install-skill --record-only): the workspace copy is eligible' : 'a copy by hand into <state>/skills (after install-skill --record-only) is eligible'
    test(byHand, { skip, timeout: 300_000 }, async (t) => {
      const { sb, oc, env } = await open()
      // --record-only writes into this checkout's own skill folder: put back what was there.
      const pointer = join(SOURCE, 'checkout.json')
      const before = await readFile(pointer, 'utf8').catch(() => undefined)
      t.after(() => before === undefined ? rm(pointer, { force: true }) : writeFile(pointer, before))
      const recorded = await sb.run('install-skill', ['--record-only', '--json'], { env })
      assert.equal(recorded.code, 0, recorded.stderr)
      assert.equal(JSON.parse(recorded.stdout).installedTo, undefined)
      const PATH = await resolveSkillPath(sb, oc)
      let target: string
      if (era === 'current') {
        const r = await runOpenclaw(oc, sb, ['skills', 'install', SOURCE, '--force'], { ...env, PATH })
        assert.equal(r.code, 0, r.stderr.slice(-800))
        target = join(sb.stateDir, 'workspace', 'skills', NAME)
      } else {
        target = join(sb.stateDir, 'skills', NAME)
        await cp(SOURCE, target, { recursive: true })
      }
      assert.ok(JSON.parse(await readFile(join(target, 'checkout.json'), 'utf8')).checkout, 'the copy knows the checkout')
      const listed = await listSkill(sb, oc, env, PATH)
      assert.equal(listed?.eligible, true, JSON.stringify(listed))
      assert.equal(listed.source, era === 'current' ? 'openclaw-workspace' : 'openclaw-managed')
      // The copy runs the checkout's commands.
      const user = await runOpenclaw({ ...oc, openclaw: oc.node }, sb, [join(target, 'run.mjs'), 'add-profile', 'bob'], { ...env, PATH })
      assert.equal(user.code, 0, user.stderr)
      assert.match(user.stdout, /not run: add-profile is for the user to run .*\n {2}cd \S+ && npm run add-profile -- bob\n$/)
    })

    test('a real turn: the model calls exec with the command SKILL.md gives, status runs through the skill and exits 0', { skip, timeout: 600_000 }, async (t) => {
      const sb = await createSandbox()
      cleanups.push(() => sb.cleanup())
      const oc = (await requireOpenclaw(era, sb)) as OpenclawInstall
      let command: string | undefined
      // The model: no tool output yet, so ask for status, by the path the prompt gives for SKILL.md
      // (what a real model reads SKILL.md through), SKILL_DIR as SKILL.md tells it to derive.
      const model = ({ toolOutputs, instructions }: { toolOutputs?: string[]; instructions?: string }) => {
        if (toolOutputs?.length || command) return { text: 'status ran' }
        const location = new RegExp(`<location>([^<]*/${NAME})/SKILL\\.md</location>`).exec(instructions ?? '')?.[1]
        command = `node ${location?.replace(/^~/, sb.home) ?? 'no-skill-location-in-the-prompt'}/run.mjs status`
        return { call: { name: 'exec', args: { command, yieldMs: 120_000 } } }
      }
      const world: FailoverWorld = await openFailoverWorld(sb, oc, era, { fallback: false, model, onTokens: (...x) => { tokens.push(...x); recordTokens(...x) } })
      cleanups.push(() => world.close())
      const env = { ...world.env, PATH: await resolveSkillPath(sb, oc) }
      const installed = await sb.run('install-skill', [], { env })
      assert.equal(installed.code, 0, installed.stderr)
      // Real commands, no approval prompt: 2026.2.22 needs both keys for exec to run at all.
      await updateConfig(sb.env.OPENCLAW_CONFIG_PATH!, ({ data }) => ({ data: { ...(data as object), tools: { exec: { security: 'full', ask: 'off' } } }, result: null }))
      Object.assign(world.env, { PATH: env.PATH })

      const turn = await world.turn({ local: true, message: 'How much quota do my Codex accounts have left?' })
      t.diagnostic(`turn in ${turn.ms} ms: ${turn.requests.map((e) => `${e.route} ${e.label ?? ''} ${e.status}${e.call ? ` call ${e.call}` : ''}`).join(', ')}`)
      assert.equal(turn.code, 0, turn.stderr.slice(-800))
      assert.equal(command, `node ${join(sb.stateDir, 'skills', NAME)}/run.mjs status`, 'the model found the skill in the prompt')
      const asked = turn.requests.filter((e) => e.route.endsWith('/codex/responses') && e.status === 200)
      const callAt = asked.findIndex((e) => e.call === 'exec')
      assert.ok(callAt >= 0, 'the model asked for exec')
      const answer = asked[callAt + 1]
      const output = answer?.toolOutput ?? ''
      t.diagnostic(`what exec handed back:\n${output}`)
      // The witness: status's own table, with the usage it read from this backend for each account
      // while the turn waited (OpenClaw reads no usage of its own on a success); and no failed exit.
      assert.match(output, new RegExp(`^OpenClaw ${oc.version.replace(/\./g, '\\.')} `))
      for (const who of ['alice@example.com', 'bob@example.com']) assert.match(output, new RegExp(`${who.replace(/\./g, '\\.')} .* resets in`))
      assert.doesNotMatch(output, /exited with code|✗|failed/)
      const between = world.backend.log.slice(world.backend.log.indexOf(asked[callAt]!), world.backend.log.indexOf(answer!))
      assert.deepEqual(between.filter((e) => e.route.endsWith('/wham/usage')).map((e) => e.label).sort(), ['alice@example.com', 'bob@example.com'], 'status read each account’s usage from the backend')
      assert.match(turn.stdout, /status ran/)
      assert.equal(findTokenLeak([...sb.output, output].join('\n'), tokens), undefined)
    })
  })
}
