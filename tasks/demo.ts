// npm run demo: the whole workflow in a throw-away sandbox, with no account and no network
// (sandbox/demo.ts tells the story).
import { runTask } from '../lib/cli.ts'
import { commonFlags, defineTask } from '../lib/task-spec.ts'
import { runDemo } from '../sandbox/demo.ts'

const spec = defineTask({
  name: 'demo',
  summary: 'the whole workflow in a throw-away sandbox: loopback OAuth server, the real codex CLI, a temporary OpenClaw state dir',
  flags: {
    keep: { type: 'boolean', meaning: 'keep the sandbox afterwards (its path is printed)' },
    legacy: { type: 'boolean', meaning: "tell the 2026.2 story (auth-profiles.json) instead of the current release's" },
    'stand-in': { type: 'boolean', meaning: 'play OpenClaw with a stand-in even when the pinned releases are installed (the 2026.2 story; no real turn)' },
    ...commonFlags('json'),
  },
  example: 'npm run demo',
})

await runTask(spec, async ({ flags }, io) => runDemo({ keep: Boolean(flags.keep), standIn: Boolean(flags['stand-in']), legacy: Boolean(flags.legacy) }, io))
