// What doctor looks at, gathered in one step (gather.ts) so that every check is a pure function of
// it. Nothing here holds a token: the user's own Codex login is kept as a sha256 digest only.
import type { ConfigData } from '../openclaw/config.ts'
import type { Detection } from '../openclaw/detect.ts'
import type { ModelsStatus } from '../openclaw/models-status.ts'
import type { ProfileSummary } from '../openclaw/store.ts'
import type { AccountReading } from '../account-usage.ts'

export type CheckLevel = 'ok' | 'warn' | 'fail'

export interface CheckResult {
  id: string
  level: CheckLevel
  /** One line; names profiles by id and email, never by token. */
  message: string
  /** The one command that fixes it (or, where no command can, what to do). */
  fix?: string
}

/** A check answers, or says it does not apply (its input could not be gathered). */
export type Check = (s: DoctorSnapshot) => CheckResult | undefined

/** Something read, or the one-line reason it could not be. */
export type Gathered<T> = { ok: true; value: T } | { ok: false; error: string }

export interface CodexLogin {
  path: string
  /** sha256 of its refresh token; absent when the file holds no ChatGPT sign-in. */
  refreshDigest?: string
}

export interface BackupSet {
  /** The file the backups are copies of. */
  file: string
  /** Oldest first, as listBackups sorts them. */
  paths: string[]
}

export interface DoctorFiles {
  backups: BackupSet[]
  /** Temp files of ours old enough that no write is still using them. */
  temps: string[]
  /** `<file>.lock` files of ours that isStaleLock judges stale. */
  staleLocks: string[]
}

export interface CronPath {
  path: string
  /** What the job uses it as: "node", "tsx", "script", or the env variable it is given in. */
  role: string
  exists: boolean
}

export type CronView =
  | { state: 'found'; via: 'gateway' | 'jobs.json'; id: string; enabled: boolean; paths: CronPath[] }
  | { state: 'absent'; via: 'gateway' | 'jobs.json' }
  /** The jobs could not be read: no gateway answered where only one can show them, or an error. */
  | { state: 'unseen'; gatewayDown: boolean; reason: string }

export interface DoctorSnapshot {
  now: number
  detection: Detection
  agentId: string
  storePath: string
  profiles: Gathered<ProfileSummary[]>
  /** The store's own order lists by provider (OpenClaw prefers them to the config's); absent when unreadable. */
  storeOrder?: Record<string, string[]>
  config: Gathered<{ path: string; exists: boolean; data: ConfigData }>
  /** `openclaw models status --json`; absent when no OpenClaw could be run. */
  modelsStatus?: Gathered<ModelsStatus>
  /** What the usage endpoint said of each Codex account; absent when the store could not be opened. */
  usage?: Gathered<AccountReading[]>
  /** $CODEX_HOME/auth.json; absent when there is no such file. */
  codexLogin?: CodexLogin
  files: DoctorFiles
  cron: CronView
}
