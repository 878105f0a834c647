import { runTask } from '../lib/cli.ts'
import { checkAndSwitch, formatDecision } from '../lib/check-and-switch.ts'
import { commonFlags, defineTask, parsePercent } from '../lib/task-spec.ts'

const spec = defineTask({
  name: 'check-and-switch',
  summary: 'move the session to the best model that can answer now (quiet when nothing changed; zero LLM tokens)',
  flags: {
    'dry-run': { type: 'boolean', meaning: 'decide and report, without switching or writing the state file' },
    priority: { type: 'string', value: 'REF,REF', meaning: 'the models to choose from, best first (default: the config primary and fallbacks)' },
    session: { type: 'string', value: 'KEY', meaning: 'the session to move (default agent:<agent>:main)' },
    global: { type: 'boolean', meaning: 'change the configured default model (openclaw models set) instead of one session' },
    state: { type: 'string', value: 'FILE', meaning: 'the state file (default <workspace>/memory/model-switch-state.json; another agent\'s model-switch-state.<agent>.json)' },
    threshold: { type: 'string', value: 'PERCENT', meaning: 'an account at or above this share of any window counts as near its limit (default 90)' },
    'no-reorder': { type: 'boolean', meaning: 'leave the Codex accounts\' order alone (only report what the usage asks for)' },
    'no-usage': { type: 'boolean', meaning: "do not read the accounts' usage (no network): decide from OpenClaw's cooldowns alone" },
    ...commonFlags('yes', 'agent', 'json', 'openclaw-version'),
  },
  example: 'npm run check-and-switch -- --dry-run',
})

await runTask(spec, async ({ flags }, io) => formatDecision(await checkAndSwitch({
  agent: flags.agent, priority: flags.priority, session: flags.session, global: flags.global, dryRun: flags['dry-run'], state: flags.state, signal: io.signal,
  usage: !flags['no-usage'], reorder: !flags['no-reorder'], threshold: parsePercent(flags.threshold), openclawVersion: flags['openclaw-version'],
})))
