import { runTask } from '../lib/cli.ts'
import { checkAndSwitch, formatDecision } from '../lib/check-and-switch.ts'

await runTask('check-and-switch', {
  flags: { priority: 'string', session: 'string', global: 'boolean', 'dry-run': 'boolean', state: 'string', json: 'boolean' },
}, async ({ flags }) => formatDecision(await checkAndSwitch({
  priority: flags.priority, session: flags.session, global: flags.global, dryRun: flags['dry-run'], state: flags.state,
})))
