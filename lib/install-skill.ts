// install-skill: make skills/codex-auth-fallback usable wherever a copy of it lands. A copy (OpenClaw
// 2026.9's `skills install <path>`, or one into <state>/skills) loses the checkout it came from, so
// the copy gets checkout.json beside SKILL.md: this checkout, the node (and tsx) that runs its
// commands, and the OpenClaw paths of this shell. The agent's exec runs under `sh -lc`, which resets
// PATH, so node and openclaw are named by absolute path, as the cron job does. The copy goes into
// <state>/skills/codex-auth-fallback, which both pinned releases load ("openclaw-managed"; 2026.9's
// `skills install --global` writes there too). --record-only writes checkout.json into this
// checkout's folder instead, for `openclaw skills install <path>` or a copy made by hand.
import { access } from 'node:fs/promises'
import { isAbsolute, join, resolve } from 'node:path'
import { z } from 'zod'
import { resolveCheckCommand, resolveCheckRunner, resolveProjectRoot } from './cron-job.ts'
import { BadFile } from './errors.ts'
import { updateFile, type FileKind } from './file-update.ts'
import { replaceDirectory } from './files.ts'
import { resolveOpenclawRuntime } from './openclaw/runtime.ts'
import { resolveStateDir, type Env } from './openclaw/state-dir.ts'
import type { Report, TaskIo } from './cli.ts'

export const SKILL_NAME = 'codex-auth-fallback'
export const POINTER_FILE = 'checkout.json'

const pointerSchema = z.object({
  checkout: z.string(),
  runner: z.array(z.string()).min(1),
  env: z.record(z.string().regex(/^OPENCLAW_[A-Z_]+$/), z.string()),
})
export type SkillPointer = z.infer<typeof pointerSchema>

const pointerKind: FileKind<SkillPointer | undefined> = {
  label: 'skill pointer',
  parse(text, path) {
    const parsed = pointerSchema.safeParse(JSON.parse(text))
    if (!parsed.success) throw new BadFile(path, 'is not a skill pointer written by install-skill')
    return parsed.data
  },
  empty: () => undefined,
  format: (data) => `${JSON.stringify(data, null, 2)}\n`,
  mode: 0o644,
  backups: false,
}

export interface InstallSkillOptions {
  recordOnly?: boolean
  env?: Env
  root?: string
}

export interface InstallSkillResult {
  skillDir: string
  pointerPath: string
  pointer: SkillPointer
  /** Where the copy went; undefined with --record-only. */
  installedTo?: string
}

export function resolveSkillDir(root = resolveProjectRoot()): string {
  return join(root, 'skills', SKILL_NAME)
}

/** What the launcher needs to run this checkout's commands from anywhere, with no PATH to lean on. */
export async function resolveSkillPointer({ env, root, signal }: { env: Env; root: string; signal?: AbortSignal }): Promise<SkillPointer> {
  const runner = await resolveCheckRunner({ env, signal })
  const pinned = { ...resolveCheckCommand({ env, runner, root }).env }
  const openclaw = await resolveOpenclawRuntime(env).catch(() => undefined)
  if (openclaw && isAbsolute(openclaw.bin)) pinned.OPENCLAW_BIN ??= openclaw.bin
  // The SDK bridge runs on OpenClaw's node; under `sh -lc` its `#!/usr/bin/env node` finds another.
  if (openclaw && isAbsolute(openclaw.node)) pinned.OPENCLAW_NODE = env.OPENCLAW_NODE?.trim() || openclaw.node
  return { checkout: resolve(root), runner, env: pinned }
}

export async function installSkill({ recordOnly = false, env = process.env, root = resolveProjectRoot() }: InstallSkillOptions, io: Pick<TaskIo, 'signal'>): Promise<InstallSkillResult> {
  const skillDir = resolveSkillDir(root)
  await access(join(skillDir, 'SKILL.md')).catch((err) => {
    throw new BadFile(join(skillDir, 'SKILL.md'), 'is missing; this checkout has no skill folder', { cause: err })
  })
  const pointer = await resolveSkillPointer({ env, root, signal: io.signal })
  const savePointer = (dir: string) => updateFile(join(dir, POINTER_FILE), pointerKind, () => ({ data: pointer, result: null }), { signal: io.signal })
  if (recordOnly) {
    await savePointer(skillDir)
    return { skillDir, pointerPath: join(skillDir, POINTER_FILE), pointer }
  }
  const installedTo = join(resolveStateDir(env), 'skills', SKILL_NAME)
  await replaceDirectory(skillDir, installedTo, { prepare: async (dir) => void await savePointer(dir) })
  return { skillDir, pointerPath: join(installedTo, POINTER_FILE), pointer, installedTo }
}

export function formatInstallSkill(r: InstallSkillResult): Report {
  const runs = `  commands run by: ${r.pointer.runner.join(' ')} (checkout ${r.pointer.checkout})`
  const lines = r.installedTo
    ? [`✓ skill ${SKILL_NAME} installed in ${r.installedTo}`, runs, `  check: openclaw skills info ${SKILL_NAME}`]
    : [`✓ recorded this checkout in ${r.pointerPath}`, runs,
      `  install the folder: openclaw skills install ${r.skillDir}   (2026.9; or copy it into <state>/skills/)`]
  return { data: r, lines }
}
