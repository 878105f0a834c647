import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { runTask } from '../lib/cli.ts'
import { UsageError } from '../lib/errors.ts'
import { defineTask, formatHelp, parseTaskArgs } from '../lib/task-spec.ts'
import { ROOT } from './support/sandbox.ts'
import { makeTempDir } from './support/temp-dir.ts'

const spec = defineTask({
  name: 't',
  summary: 'a test task',
  args: [{ name: 'name', meaning: 'a name' }],
  flags: {
    yes: { type: 'boolean', short: 'y', meaning: 'go on' },
    from: { type: 'string', value: 'FILE', meaning: 'a file' },
    fallback: { type: 'string[]', value: 'REF', meaning: 'a list' },
  },
  example: 'npm run t -- alice',
})

describe('parseTaskArgs', () => {
  test('name then flags', () => {
    const r = parseTaskArgs(spec, ['alice', '-y', '--from', 'a.json', '--fallback', 'x', '--fallback', 'y'])
    assert.equal(r.args.name, 'alice')
    assert.deepEqual({ ...r.flags }, { yes: true, from: 'a.json', fallback: ['x', 'y'] })
    assert.equal(r.help, false)
  })
  const bad = [['unknown flag', ['--nope']], ['extra argument', ['a', 'b']], ['string flag without value', ['--from']]] as const
  for (const [name, argv] of bad) {
    test(`${name} is a one-line usage error that points at --help`, () => {
      assert.throws(() => parseTaskArgs(spec, [...argv]), (e: unknown) => e instanceof UsageError && e.exitCode === 2 && !e.message.includes('\n') && e.message.endsWith('see npm run t -- --help'))
    })
  }
  test('--help and -h win, even beside a flag the task does not know', () => {
    for (const argv of [['--help'], ['-h'], ['alice', '--nope', '-h']]) assert.equal(parseTaskArgs(spec, argv).help, true, argv.join(' '))
  })
})

describe('formatHelp', () => {
  test('usage line, every argument and flag with its meaning, one example', () => {
    const text = formatHelp(spec).join('\n')
    assert.match(text, /^t: a test task$/m)
    assert.match(text, /^usage: npm run t -- NAME \[flags\]/m)
    for (const row of [/^ {2}NAME +a name$/m, /^ {2}-y, --yes +go on$/m, /^ {2}--from FILE +a file$/m, /^ {2}--fallback REF \(repeatable\) +a list$/m, /^ {2}-h, --help +show this help$/m]) assert.match(text, row)
    assert.match(text, /^example: npm run t -- alice$/m)
  })
})

describe('runTask', () => {
  test("a report's exitCode becomes the process's, after the report is printed", async () => {
    const before = process.exitCode
    const none = defineTask({ name: 't', summary: 's', flags: {}, example: 'e' })
    try {
      await runTask(none, async () => ({ data: {}, lines: [], exitCode: 1 }), [])
      assert.equal(process.exitCode, 1)
      process.exitCode = undefined
      await runTask(none, async () => ({ data: {}, lines: [] }), [])
      assert.equal(process.exitCode, undefined)
    } finally {
      process.exitCode = before
    }
  })
})

const WRITERS = ['add-profile', 'remove-profile', 'render-config', 'install-cron', 'check-and-switch', 'build']

describe('every command', () => {
  const tasks = readdirSync(join(ROOT, 'tasks')).filter((n) => n.endsWith('.ts')).map((n) => n.slice(0, -3))
  test('there are commands to check', () => assert.ok(tasks.length >= 9, tasks.join(', ')))
  for (const task of tasks) {
    test(`${task} --help: usage, flags with meanings, an example, exit 0, nothing else done`, () => {
      const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'tasks', `${task}.ts`), '--help'], { encoding: 'utf8', env: { ...process.env, OPENCLAW_STATE_DIR: '/nonexistent/caf-help', OPENCLAW_BIN: '/nonexistent/openclaw' } })
      assert.equal(r.status, 0, r.stderr)
      assert.equal(r.stderr, '')
      assert.match(r.stdout, new RegExp(`^${task}: \\S`))
      assert.match(r.stdout, new RegExp(`^usage: npm run ${task} -- `, 'm'))
      assert.match(r.stdout, /^ {2}-h, --help +show this help$/m)
      assert.match(r.stdout, new RegExp(`^example: npm run ${task}\\b`, 'm'))
      for (const line of r.stdout.split('\n').filter((l) => /^ {2}-/.test(l))) assert.match(line, /^ {2}\S.*\S {2,}\S/, `every flag has a meaning: ${line}`)
      // Every command that writes takes --yes/-y, so scripts can pass it to all of them.
      if (WRITERS.includes(task)) assert.match(r.stdout, /^ {2}-y, --yes +\S/m, `${task} accepts --yes`)
    })
  }
})

describe('flag types come from the spec', () => {
  // A task that reads a flag its spec does not declare must not compile: tsc over a copy of a task.
  const run = (body: string) => {
    const dir = makeTempDir('caf-spec-')
    writeFileSync(join(dir, 'task.ts'), `import { commonFlags, defineTask, type Parsed } from '${join(ROOT, 'lib', 'task-spec.ts')}'
const spec = defineTask({ name: 'x', summary: 's', flags: { from: { type: 'string', meaning: 'm' }, ...commonFlags('json') }, example: 'e' })
export function handle({ flags }: Parsed<typeof spec>): string | undefined {
  ${body}
}
`)
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}')
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ extends: join(ROOT, 'tsconfig.json'), include: ['task.ts'], compilerOptions: { typeRoots: [join(ROOT, 'node_modules', '@types')] } }))
    return spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', dir], { encoding: 'utf8' })
  }
  test('a declared flag compiles, with its type', () => {
    const r = run("const json: boolean | undefined = flags.json\n  return json ? flags.from : undefined")
    assert.equal(r.status, 0, r.stdout + r.stderr)
  })
  test('a typo does not', () => {
    const r = run('return flags.fromm')
    assert.notEqual(r.status, 0)
    assert.match(r.stdout, /Property 'fromm' does not exist/)
  })
})
