// check-and-switch precompiled into one ES module, for the cron job: plain node runs it with no
// TypeScript compiler and no module resolution at start. The bench (issue 8, README "Benchmark")
// found tsx's start-up to be most of a check's own cost: through tsx a check took 1.3-1.4 times its
// own `openclaw models status --json` call, bundled about 1.1 (the goal is 1.15).
import { build } from 'esbuild'
import { readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { writeFileAtomic } from './files.ts'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

/** dist/check-and-switch.mjs in this checkout (gitignored; `npm run build` makes it). */
export function resolveBundlePath(root = ROOT): string {
  return join(root, 'dist', 'check-and-switch.mjs')
}

/**
 * Bundles tasks/check-and-switch.ts for node 20.17+ and writes it atomically (a cron run that starts
 * meanwhile reads the old file or the new one). Returns the path. An outfile outside this checkout
 * runs too, but not on a terminal (see the plugin below). bin/check-and-switch.mjs runs it only while
 * no source is newer, so it is written last, after the SDK bridge it starts.
 */
export async function buildCheckBundle({ outfile = resolveBundlePath(), root = ROOT }: { outfile?: string; root?: string } = {}): Promise<string> {
  const result = await build({
    entryPoints: [join(root, 'tasks', 'check-and-switch.ts')],
    bundle: true,
    write: false,
    outfile,
    platform: 'node',
    format: 'esm',
    target: 'node20.17',
    logLevel: 'silent',
    // Loaded only on a terminal (a spinner, a question), never by a cron run: left out, they would
    // still be read and compiled at every start (1.6 MB; the bench: 125 -> 90 ms on node 20). Should
    // they be needed, they resolve from this checkout's node_modules.
    plugins: [{ name: 'interactive-only', setup: (b) => void b.onResolve({ filter: /^(zx|@inquirer\/prompts)$/ }, (a) => ({ path: a.path, external: true })) }],
    // zx's vendored CommonJS calls require() for node's built-ins; an ES module has none of its own.
    banner: { js: "// Built from tasks/check-and-switch.ts by `npm run build`; edit the sources, not this file.\nimport { createRequire as cafCreateRequire } from 'node:module'; const require = cafCreateRequire(import.meta.url);" },
  })
  const js = result.outputFiles.find((f) => f.path.endsWith('.mjs'))
  if (!js) throw new Error(`esbuild wrote no ${outfile}`)
  // lib/openclaw/runner.ts finds the bridge beside itself (./stores/), which in the bundle is beside the bundle.
  const bridge = join(root, 'lib', 'openclaw', 'stores', 'sdk-bridge.mjs')
  await writeFileAtomic(join(dirname(outfile), 'stores', 'sdk-bridge.mjs'), await readFile(bridge), { mode: 0o644 })
  await writeFileAtomic(outfile, js.contents, { mode: 0o644 })
  return outfile
}
