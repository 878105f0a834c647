// The openclaw.json fragments in templates/ that render-config merges: one per model naming, so a
// user reads exactly what will be merged. A copy given with --template is read the same way.
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { BadFile, UsageError } from './errors.ts'
import { isPlainObject, parseConfig, type ConfigData } from './openclaw/config.ts'
import type { Release } from './openclaw/releases.ts'

export function resolveTemplatePath(modelProvider: Release['modelProvider']): string {
  return fileURLToPath(new URL(`../templates/render-config.${modelProvider}.json5`, import.meta.url))
}

export async function loadConfigTemplate(path: string): Promise<ConfigData> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw new UsageError(`template ${path} does not exist; pass --template FILE with a copy of one in templates/`, { cause: err })
    throw new BadFile(path, `cannot read it (${code ?? 'error'})`, { cause: err })
  }
  const template = parseConfig(text, path)
  const model = isPlainObject(template.agents) && isPlainObject(template.agents.defaults) ? template.agents.defaults.model : undefined
  if (model !== undefined && !(typeof model === 'string' || (isPlainObject(model) && typeof model.primary === 'string'))) {
    throw new BadFile(path, 'agents.defaults.model must be {primary: "provider/model", fallbacks: [...]}')
  }
  return template
}

/** A model ref is provider/model; the Codex provider part must be the one this release knows. */
export function assertModelRef(ref: string, modelProvider: Release['modelProvider']): string {
  if (!/^[\w.-]+\/\S+$/.test(ref)) throw new UsageError(`model ${JSON.stringify(ref)} is not a provider/model ref (e.g. anthropic/claude-opus-4-6)`)
  if (modelProvider === 'openai' && ref.startsWith('openai-codex/')) {
    throw new UsageError(`${ref} uses the naming of OpenClaw up to 2026.5.11; this release calls it openai/${ref.slice('openai-codex/'.length)}`)
  }
  return ref
}
