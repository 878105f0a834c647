// npm run demo: the whole workflow in a throw-away sandbox, with no account and no network.
// A loopback OAuth server stands in for OpenAI; the real codex CLI signs in against it; the
// OpenClaw state dir is a temp dir removed at the end.
import { runTask } from '../lib/cli.ts'
import { commonFlags, defineTask } from '../lib/task-spec.ts'
import { runDemo } from '../sandbox/demo.ts'

const spec = defineTask({
  name: 'demo',
  summary: 'the whole workflow in a throw-away sandbox: loopback OAuth server, the real codex CLI, a temporary OpenClaw state dir',
  flags: {
    keep: { type: 'boolean', meaning: 'keep the sandbox afterwards (its path is printed)' },
    'stand-in': { type: 'boolean', meaning: 'play OpenClaw with a stand-in even when the pinned release is installed' },
    ...commonFlags('json'),
  },
  example: 'npm run demo',
})

await runTask(spec, async ({ flags }, io) => runDemo({ keep: Boolean(flags.keep), standIn: Boolean(flags['stand-in']) }, io))
