import { runTask } from '../lib/cli.ts'
import { addProfile, formatAddProfile } from '../lib/add-profile.ts'
import { commonFlags, defineTask } from '../lib/task-spec.ts'

const spec = defineTask({
  name: 'add-profile',
  summary: 'sign in to one more ChatGPT/Codex account (real codex CLI, private CODEX_HOME) and store it as an OpenClaw auth profile',
  args: [{ name: 'name', meaning: 'the profile name: 1-64 letters, digits or . _ @ + - (profile id <provider>:NAME)' }],
  flags: {
    browser: { type: 'boolean', meaning: 'browser sign-in (codex login) instead of the device code' },
    from: { type: 'string', value: 'FILE', meaning: "import an existing codex auth.json instead of signing in (don't use that login again)" },
    replace: { type: 'boolean', meaning: 'overwrite an existing profile of that name (a new login for it)' },
    issuer: { type: 'string', value: 'URL', meaning: 'sign in against another OAuth issuer (device flow; tests and the demo use a loopback one)' },
    ...commonFlags('yes', 'agent', 'json', 'openclaw-version'),
  },
  example: 'npm run add-profile -- alice',
})

await runTask(spec, async ({ args, flags }, io) => formatAddProfile(await addProfile({
  name: args.name, from: flags.from, browser: flags.browser, issuer: flags.issuer, replace: flags.replace,
  agent: flags.agent, openclawVersion: flags['openclaw-version'], yes: flags.yes,
}, io)))
