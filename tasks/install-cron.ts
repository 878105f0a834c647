import { runTask } from '../lib/cli.ts'
import { formatInstallCron, installCron } from '../lib/install-cron.ts'
import { commonFlags, defineTask } from '../lib/task-spec.ts'

const spec = defineTask({
  name: 'install-cron',
  summary: "put the model-cooldown-autoswitch cron job (check-and-switch every 10 minutes; another agent's: model-cooldown-autoswitch-<agent>) into OpenClaw, or take it out",
  flags: {
    every: { type: 'string', value: 'INTERVAL', meaning: 'how often, 1m to 24h (default 10m)' },
    announce: { type: 'boolean', meaning: 'post what a check changed to the last chat (a check that changed nothing posts nothing)' },
    print: { type: 'boolean', meaning: 'show the job without installing it' },
    uninstall: { type: 'boolean', meaning: 'remove the job (and nothing else)' },
    ...commonFlags('yes', 'agent', 'json', 'openclaw-version'),
  },
  example: 'npm run install-cron -- --every 10m',
})

await runTask(spec, async ({ flags }, io) => formatInstallCron(await installCron({
  uninstall: flags.uninstall, every: flags.every, print: flags.print, announce: flags.announce, agent: flags.agent,
  openclawVersion: flags['openclaw-version'],
}, io)))
