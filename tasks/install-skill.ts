import { runTask } from '../lib/cli.ts'
import { formatInstallSkill, installSkill } from '../lib/install-skill.ts'
import { commonFlags, defineTask } from '../lib/task-spec.ts'

const spec = defineTask({
  name: 'install-skill',
  summary: 'install skills/codex-auth-fallback as an OpenClaw skill (a copy in <state>/skills that knows this checkout)',
  flags: {
    'record-only': { type: 'boolean', meaning: 'only write skills/codex-auth-fallback/checkout.json, for installing the folder yourself (openclaw skills install PATH)' },
    ...commonFlags('yes', 'json'),
  },
  example: 'npm run install-skill',
})

await runTask(spec, async ({ flags }, io) => formatInstallSkill(await installSkill({ recordOnly: flags['record-only'] }, io)))
