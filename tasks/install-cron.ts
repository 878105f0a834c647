import { runTask } from '../lib/cli.ts'
import { formatInstallCron, installCron } from '../lib/install-cron.ts'

await runTask('install-cron', {
  flags: {
    uninstall: 'boolean', every: 'string', print: 'boolean', announce: 'boolean', agent: 'string',
    'openclaw-version': 'string', json: 'boolean',
  },
}, async ({ flags }, io) => formatInstallCron(await installCron({
  uninstall: flags.uninstall, every: flags.every, print: flags.print, announce: flags.announce, agent: flags.agent,
  openclawVersion: flags['openclaw-version'],
}, io)))
