import { runTask } from '../lib/cli.ts'
import { buildCheckBundle } from '../lib/bundle.ts'
import { commonFlags, defineTask } from '../lib/task-spec.ts'

const spec = defineTask({
  name: 'build',
  summary: 'bundle check-and-switch into dist/check-and-switch.mjs, which plain node runs fastest (the cron job)',
  flags: { ...commonFlags('yes', 'json') },
  example: 'npm run build',
})

await runTask(spec, async () => {
  const path = await buildCheckBundle()
  return { data: { path }, lines: [`✓ built ${path} (check-and-switch for cron jobs: node ${path})`] }
})
