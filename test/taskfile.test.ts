// Every Taskfile target has an npm-script twin of the same name that runs the same thing.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'

const root = new URL('..', import.meta.url)
const scripts = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')).scripts as Record<string, string>
// Top-level keys under `tasks:` are indented by exactly two spaces in Taskfile.yml.
const taskfile = readFileSync(new URL('Taskfile.yml', root), 'utf8')
const tasksBlock = taskfile.slice(taskfile.indexOf('\ntasks:\n'))
const targets = [...tasksBlock.matchAll(/^ {2}([\w:-]+):\s*$/gm)].map((m) => m[1]!)

test('Taskfile targets and npm scripts are the same list', () => {
  assert.ok(targets.length > 0)
  assert.deepEqual([...targets].sort(), Object.keys(scripts).sort())
})

test('each Taskfile target runs its own npm script', () => {
  for (const name of targets) {
    const body = tasksBlock.slice(tasksBlock.indexOf(`\n  ${name}:`) + 1).split(/\n {2}[\w:-]+:\s*\n/)[0]!
    assert.match(body, new RegExp(`npm (run (--silent )?${name}\\b|${name === 'test' ? 'test' : '$^'})`), name)
  }
})
