// Data flows one way: tasks/ -> lib/ (and sandbox/, the demo's parts) -> lib/openclaw/. Nothing the
// product runs imports a test helper, and lib/ imports neither tasks/ nor sandbox/.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { test } from 'node:test'
import { ROOT } from './support/sandbox.ts'

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name)
    return e.isDirectory() ? walk(p) : /\.(ts|mjs)$/.test(e.name) ? [p] : []
  })
}

/** [file, the top-level folder each relative import of it leads into]. */
function imports(folder: string): Array<[string, string]> {
  return walk(join(ROOT, folder)).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"](\.[^'"]+)['"]/g)]
    .map((m): [string, string] => [relative(ROOT, file), relative(ROOT, resolve(dirname(file), m[1]!)).split('/')[0]!]))
}

const cases = [['tasks', ['test']], ['lib', ['test', 'tasks', 'sandbox', 'bench']], ['sandbox', ['test', 'tasks', 'bench']]] as const
for (const [folder, forbidden] of cases) {
  test(`${folder}/ imports nothing from ${forbidden.join(', ')}`, () => {
    const found = imports(folder)
    assert.ok(found.length > 0, 'the scan sees imports')
    assert.deepEqual(found.filter(([, to]) => (forbidden as readonly string[]).includes(to)).map(([f, to]) => `${f} -> ${to}/`), [])
  })
}
