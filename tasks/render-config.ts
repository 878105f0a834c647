import { runTask } from '../lib/cli.ts'
import { formatRenderConfig, renderConfig } from '../lib/render-config.ts'
import { commonFlags, defineTask } from '../lib/task-spec.ts'

const spec = defineTask({
  name: 'render-config',
  summary: "put the auth profiles, their failover order and the model fallbacks into openclaw.json (a diff unless --write)",
  flags: {
    write: { type: 'boolean', meaning: 'apply the change, once the installed OpenClaw accepts it (otherwise only the diff)' },
    primary: { type: 'string', value: 'REF', meaning: 'the primary model, e.g. anthropic/claude-opus-4-6' },
    fallback: { type: 'string[]', value: 'REF', meaning: "a fallback model; repeat for several, in order (replaces the template's list)" },
    template: { type: 'string', value: 'FILE', meaning: 'merge your own copy of a template from templates/' },
    runtime: { type: 'string', value: 'openclaw|codex', meaning: "2026.6.5+: the Codex models' runtime: openclaw (built in, uses these profiles; default) or codex (OpenClaw's plugin)" },
    ...commonFlags('yes', 'agent', 'json', 'openclaw-version'),
  },
  example: 'npm run render-config -- --write',
})

await runTask(spec, async ({ flags }, io) => formatRenderConfig(await renderConfig({
  write: flags.write, primary: flags.primary, fallbacks: flags.fallback, template: flags.template, runtime: flags.runtime,
  agent: flags.agent, openclawVersion: flags['openclaw-version'],
}, io), { color: io.color }))
