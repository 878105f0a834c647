import { runTask } from '../lib/cli.ts'
import { formatRenderConfig, renderConfig } from '../lib/render-config.ts'

await runTask('render-config', {
  flags: {
    write: 'boolean', primary: 'string', fallback: 'string[]', template: 'string', agent: 'string',
    'openclaw-version': 'string', json: 'boolean',
  },
}, async ({ flags }, io) => formatRenderConfig(await renderConfig({
  write: flags.write, primary: flags.primary, fallbacks: flags.fallback, template: flags.template,
  agent: flags.agent, openclawVersion: flags['openclaw-version'],
}, io), { color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR }))
