import { runTask } from '../lib/cli.ts'
import { doctor, formatDoctor } from '../lib/doctor.ts'
import { commonFlags, defineTask } from '../lib/task-spec.ts'

const spec = defineTask({
  name: 'doctor',
  summary: 'check the store, the config, the codex login and the cron job; each finding with the command that fixes it',
  flags: { ...commonFlags('agent', 'json', 'openclaw-version') },
  example: 'npm run doctor',
})

await runTask(spec, async ({ flags }, io) => formatDoctor(await doctor({ agent: flags.agent, openclawVersion: flags['openclaw-version'] }, io)))
