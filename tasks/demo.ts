// npm run demo: the whole workflow in a throw-away sandbox, with no account and no network.
// A loopback OAuth server stands in for OpenAI; the real codex CLI signs in against it; the
// OpenClaw state dir is a temp dir removed at the end.
import { runTask } from '../lib/cli.ts'
import { runDemo } from '../test/support/demo.ts'

await runTask('demo', { flags: { keep: 'boolean', 'stand-in': 'boolean', json: 'boolean' } }, async ({ flags }, io) =>
  runDemo({ keep: Boolean(flags.keep), standIn: Boolean(flags['stand-in']) }, io))
