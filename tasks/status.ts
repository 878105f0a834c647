import { runTask } from '../lib/cli.ts'
import { loadStatus } from '../lib/status.ts'
import { formatStatus } from '../lib/status-table.ts'

await runTask('status', { flags: { agent: 'string', 'openclaw-version': 'string', json: 'boolean' } },
  async ({ flags }, io) => formatStatus(await loadStatus({ agent: flags.agent, openclawVersion: flags['openclaw-version'] }, io)))
