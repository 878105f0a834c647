import { runTask } from '../lib/cli.ts'
import { loadStatus } from '../lib/status.ts'
import { formatStatus } from '../lib/status-table.ts'
import { commonFlags, defineTask, parsePercent } from '../lib/task-spec.ts'

const spec = defineTask({
  name: 'status',
  summary: 'one row per profile: account, plan, token expiry, cooldowns, place in the order OpenClaw tries',
  flags: {
    'no-usage': { type: 'boolean', meaning: "do not ask the usage endpoint (no network): the store, the config and OpenClaw's status alone" },
    threshold: { type: 'string', value: 'PERCENT', meaning: 'an account at or above this share of any window shows as near its limit (default 90)' },
    ...commonFlags('agent', 'json', 'openclaw-version'),
  },
  example: 'npm run status',
})

await runTask(spec, async ({ flags }, io) => formatStatus(await loadStatus({
  agent: flags.agent, openclawVersion: flags['openclaw-version'], usage: !flags['no-usage'], threshold: parsePercent(flags.threshold),
}, io), undefined, { bars: io.color }))
