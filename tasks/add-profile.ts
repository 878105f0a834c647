import { runTask } from '../lib/cli.ts'
import { addProfile, formatAddProfile } from '../lib/add-profile.ts'

await runTask('add-profile', {
  args: ['name'],
  flags: {
    from: 'string', browser: 'boolean', issuer: 'string', replace: 'boolean', agent: 'string',
    'openclaw-version': 'string', json: 'boolean', yes: { type: 'boolean', short: 'y' },
  },
}, async ({ args, flags }, io) => formatAddProfile(await addProfile({
  name: args.name, from: flags.from, browser: flags.browser, issuer: flags.issuer, replace: flags.replace,
  agent: flags.agent, openclawVersion: flags['openclaw-version'], yes: flags.yes,
}, io)))
