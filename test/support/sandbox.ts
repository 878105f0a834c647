// The sandbox of sandbox/sandbox.ts, with everything its commands print recorded for the secrets
// scan of the whole CI run (record.ts).
import { createSandbox as create, type Sandbox } from '../../sandbox/sandbox.ts'
import { recordOutput } from './record.ts'

export { findTokenLeak, ROOT, type RunOptions, type RunResult, type Sandbox } from '../../sandbox/sandbox.ts'

export function createSandbox(extraEnv: NodeJS.ProcessEnv = {}): Promise<Sandbox> {
  return create(extraEnv, { onOutput: recordOutput })
}
