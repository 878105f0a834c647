import { runTask } from '../lib/cli.ts'
import { buildCheckBundle } from '../lib/bundle.ts'

await runTask('build', { flags: { json: 'boolean' } }, async () => {
  const path = await buildCheckBundle()
  return { data: { path }, lines: [`✓ built ${path} (check-and-switch for cron jobs: node ${path})`] }
})
