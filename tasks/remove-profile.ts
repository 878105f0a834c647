import { runTask } from '../lib/cli.ts'
import { formatRemoveProfile, removeProfile } from '../lib/remove-profile.ts'

await runTask('remove-profile', {
  args: ['name'],
  flags: { agent: 'string', 'openclaw-version': 'string', json: 'boolean', yes: { type: 'boolean', short: 'y' } },
}, async ({ args, flags }, io) => formatRemoveProfile(await removeProfile({
  name: args.name, agent: flags.agent, openclawVersion: flags['openclaw-version'], yes: flags.yes,
}, io)))
