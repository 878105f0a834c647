import { runTask } from '../lib/cli.ts'
import { loadStatus } from '../lib/status.ts'
import { formatStatus } from '../lib/status-table.ts'
import { commonFlags, defineTask } from '../lib/task-spec.ts'

const spec = defineTask({
  name: 'status',
  summary: 'one row per profile: account, plan, token expiry, cooldowns, place in the order OpenClaw tries',
  flags: { ...commonFlags('agent', 'json', 'openclaw-version') },
  example: 'npm run status',
})

await runTask(spec, async ({ flags }, io) => formatStatus(await loadStatus({ agent: flags.agent, openclawVersion: flags['openclaw-version'] }, io)))
