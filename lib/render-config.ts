// render-config: openclaw.json's auth profiles, failover order and model fallbacks, rendered from
// the credential store and a template, shown as a diff, and written only after OpenClaw accepts it.
import { resolve } from 'node:path'
import { describeDetection } from './add-profile.ts'
import { resolveConfigMerge, type ConfigMergeResult } from './config-merge.ts'
import { assertModelRef, loadConfigTemplate, resolveTemplatePath } from './config-template.ts'
import { colorizeDiffLine, resolveUnifiedDiff } from './diff.ts'
import { CafError, UsageError } from './errors.ts'
import { formatConfig, hasJson5Comments, loadConfig, resolveDisplayConfig, updateConfig, type ConfigData, type LoadedConfig } from './openclaw/config.ts'
import type { Detection } from './openclaw/detect.ts'
import { openAgent } from './openclaw/open-store.ts'
import { resolveSince } from './openclaw/releases.ts'
import type { Env } from './openclaw/state-dir.ts'
import type { ProfileSummary } from './openclaw/store.ts'
import { validateConfigText, type ConfigVerdict } from './openclaw/validate-config.ts'
import type { Report, TaskIo } from './cli.ts'

export interface RenderConfigOptions {
  write?: boolean
  primary?: string
  fallbacks?: string[]
  template?: string
  /** The agent runtime of the Codex models (2026.6.5+): openclaw (built in, the default) or codex (the plugin). */
  runtime?: string
  agent?: string
  openclawVersion?: string
  env?: Env
}

export interface RenderConfigResult {
  configPath: string
  templatePath: string
  /** The rendered config, with secret-looking values shown as "[redacted]". */
  config: ConfigData
  changed: boolean
  written: boolean
  backupPath?: string
  stale: string[]
  /** Header lines: what the rewrite loses, what was dropped or moved. */
  notes: string[]
  diff: string[]
  validation?: ConfigVerdict
}

interface Inputs {
  template: ConfigData
  profiles: ProfileSummary[]
  detection: Detection
  opts: RenderConfigOptions
}

export async function renderConfig(opts: RenderConfigOptions, io: TaskIo): Promise<RenderConfigResult> {
  const { env = process.env } = opts
  const agent = await openAgent({ agent: opts.agent, openclawVersion: opts.openclawVersion, env, signal: io.signal })
  const { configPath, detection } = agent
  // A usage error (a model ref, the template, the runtime) is reported before OpenClaw is asked anything.
  assertRuntime(opts.runtime, detection)
  for (const ref of [opts.primary, ...(opts.fallbacks ?? [])]) if (ref !== undefined) assertModelRef(ref, detection.modelProvider)
  const templatePath = opts.template ? resolve(opts.template) : resolveTemplatePath(detection.modelProvider)
  const template = await loadConfigTemplate(templatePath)
  const store = await agent.openStore()
  io.context(describeDetection(detection, store.path))
  const profiles = await store.listProfiles()
  if (!profiles.some((p) => p.provider === store.provider && p.type === 'oauth')) {
    io.warn(`no Codex profiles (${store.provider}:*) in ${store.path}; run add-profile first, or this config names none`)
  }
  const inputs: Inputs = { template, profiles, detection, opts }
  const base = { configPath, templatePath, written: false }

  if (!opts.write) return finish({ ...base, ...resolvePlan(await loadConfig(configPath), inputs).view }, io)

  const installed = detection.source === 'installed' ? detection.version : undefined
  const { result, written, backupPath } = await updateConfig(configPath, async (current) => {
    const { rendered, view } = resolvePlan(current, inputs)
    if (!view.changed) return { result: view }
    const validation = await io.spinner('OpenClaw is checking the rendered config…', () => validateConfigText({ text: formatConfig(rendered), configPath, env, version: installed, signal: io.signal }))
    if (validation.status === 'invalid') {
      throw new CafError(`OpenClaw ${validation.version} rejects the rendered config: ${validation.problems.join('; ')}; nothing was written (fix that key in ${configPath} or in the template, then run again)`)
    }
    if (validation.status === 'failed') {
      throw new CafError(`OpenClaw ${validation.version} could not check the rendered config (${validation.reason}); nothing was written`)
    }
    return { data: rendered, result: { ...view, validation } }
  }, { signal: io.signal })
  const { validation } = result as { validation?: ConfigVerdict }
  if (validation?.status === 'unvalidated') io.warn(`written without validation: ${validation.reason}; check it with \`openclaw config validate\` (2026.6+) or \`openclaw config get agents.defaults.model\` once OpenClaw is installed`)
  if (validation?.status === 'valid') for (const w of validation.warnings) io.warn(`OpenClaw ${validation.version}: ${w}`)
  return finish({ ...base, ...result, written, backupPath }, io)
}

export const RUNTIMES = ['openclaw', 'codex'] as const

function assertRuntime(runtime: string | undefined, detection: Detection): void {
  if (runtime === undefined) return
  if (!(RUNTIMES as readonly string[]).includes(runtime)) throw new UsageError(`--runtime ${JSON.stringify(runtime)}: expected ${RUNTIMES.join(' or ')}`)
  if (!detection.agentRuntime) throw new UsageError(`--runtime: OpenClaw ${detection.version ?? 'of this generation'} picks no runtime per model (that starts with ${resolveSince('agentRuntime', true)}); drop the flag`)
}

/** In --json mode stdout holds only the config, so the notes go to stderr. */
function finish(r: RenderConfigResult, io: TaskIo): RenderConfigResult {
  if (io.json) for (const n of r.notes) io.info(n)
  return r
}

function resolvePlan(current: LoadedConfig, { template, profiles, detection, opts }: Inputs) {
  const merge: ConfigMergeResult = resolveConfigMerge({
    config: current.data, template, profiles, provider: detection.provider, retiredProviders: detection.retiredProviders, primary: opts.primary, fallbacks: opts.fallbacks,
    runtime: detection.agentRuntime ? { modelProvider: detection.modelProvider, id: opts.runtime ?? 'openclaw', force: opts.runtime !== undefined } : undefined,
  })
  const model = merge.config.agents as { defaults: { model: { primary: string; fallbacks: string[] } } }
  for (const ref of [model.defaults.model.primary, ...model.defaults.model.fallbacks]) assertModelRef(ref, detection.modelProvider)
  const changed = current.text === undefined || formatConfig(current.data) !== formatConfig(merge.config)
  const shown = { before: current.text === undefined ? '' : formatConfig(resolveDisplayConfig(current.data)), after: formatConfig(resolveDisplayConfig(merge.config)) }
  const notes: string[] = []
  if (changed && current.text !== undefined && current.text !== formatConfig(current.data)) {
    notes.push(hasJson5Comments(current.text)
      ? `${current.path} has comments: JSON5 comments cannot survive a rewrite and will be lost (the backup keeps them); the diff shows the file as JSON`
      : `${current.path} is rewritten as plain JSON (as OpenClaw writes it); its own formatting is not kept, so it is shown as JSON here`)
  }
  if (merge.stale.length) notes.push(`dropped from auth.profiles/auth.order, not in the credential store: ${merge.stale.join(', ')}`)
  for (const m of merge.movedAliases) notes.push(`alias moved: ${m}`)
  if (current.text === undefined) notes.push(`${current.path} does not exist yet; it will be created (0600)`)
  const diff = changed ? resolveUnifiedDiff({ name: current.path, ...shown }) : []
  return { rendered: merge.config, view: { config: resolveDisplayConfig(merge.config), changed, stale: merge.stale, notes, diff } }
}

export function formatRenderConfig(r: RenderConfigResult, { color = false } = {}): Report {
  const paint = color ? colorizeDiffLine : (line: string) => line
  const lines = [...r.notes.map((n) => paint(`# ${n}`)), ...r.diff.map(paint)]
  if (!r.changed) lines.push(`✓ ${r.configPath} already says this; nothing to change`)
  else if (!r.written) lines.push(`dry run: nothing written; pass --write to apply this to ${r.configPath}`)
  else {
    const checked = r.validation?.status === 'valid' ? `accepted by OpenClaw ${r.validation.version}` : 'NOT validated by OpenClaw'
    lines.push(`✓ wrote ${r.configPath} (${checked})${r.backupPath ? `; backup ${r.backupPath}` : ''}`)
  }
  return { data: r.config, lines }
}
