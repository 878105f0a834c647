import { runTask } from '../lib/cli.ts'
import { formatRemoveProfile, removeProfile } from '../lib/remove-profile.ts'
import { commonFlags, defineTask } from '../lib/task-spec.ts'

const spec = defineTask({
  name: 'remove-profile',
  summary: 'take a profile out of the credential store and out of openclaw.json (revokes nothing)',
  args: [{ name: 'name', meaning: 'the profile name, as given to add-profile' }],
  flags: { ...commonFlags('yes', 'agent', 'json', 'openclaw-version') },
  example: 'npm run remove-profile -- bob --yes',
})

await runTask(spec, async ({ args, flags }, io) => formatRemoveProfile(await removeProfile({
  name: args.name, agent: flags.agent, openclawVersion: flags['openclaw-version'], yes: flags.yes,
}, io)))
