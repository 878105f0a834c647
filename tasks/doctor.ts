import { runTask } from '../lib/cli.ts'
import { doctor, formatDoctor } from '../lib/doctor.ts'

await runTask('doctor', {
  flags: { agent: 'string', 'openclaw-version': 'string', json: 'boolean' },
}, async ({ flags }, io) => formatDoctor(await doctor({ agent: flags.agent, openclawVersion: flags['openclaw-version'] }, io)))
