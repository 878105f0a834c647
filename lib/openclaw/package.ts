// The installed OpenClaw's npm package, found from its bin without running it: npm links `openclaw`
// to openclaw.mjs inside the package, whose package.json gives the dir (for the plugin SDK) and the
// release. A wrapper script or a test's stand-in leads into no such package.
import { readFile, realpath } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { which } from 'zx/core' // not zx: see runtime.ts

export interface OpenclawPackage {
  dir: string
  version?: string
}

/** The openclaw package holding file, walking up from it; undefined when there is none. */
export async function findOpenclawPackage(file: string): Promise<OpenclawPackage | undefined> {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    const pkg = await readFile(join(dir, 'package.json'), 'utf8').then(JSON.parse, () => undefined)
    if (pkg?.name === 'openclaw') return { dir, version: typeof pkg.version === 'string' ? pkg.version : undefined }
  }
  return undefined
}

/** The release in the package the bin (a name looked up on path, or a path) leads into. */
export async function readPackageVersion(bin: string, path?: string): Promise<string | undefined> {
  const found = bin.includes('/') ? bin : await which(bin, { nothrow: true, path })
  const real = found ? await realpath(found).catch(() => undefined) : undefined
  const version = real ? (await findOpenclawPackage(real))?.version : undefined
  return version ? /^\d{4}\.\d{1,2}\.\d{1,2}(?:-[\w.]+)?$/.exec(version)?.[0] : undefined
}
