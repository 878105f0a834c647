// Every doctor check, in the order a reader meets them: the store, the config, the profiles' health,
// the cron job, then housekeeping. Each is a pure function of the snapshot.
import { CONFIG_CHECKS } from './config-checks.ts'
import { checkCronJob } from './cron-check.ts'
import { FILE_CHECKS } from './file-checks.ts'
import { PROFILE_CHECKS } from './profile-checks.ts'
import { checkUsage } from './usage-check.ts'
import type { Check, CheckResult, DoctorSnapshot } from './snapshot.ts'

export const CHECKS: Check[] = [...PROFILE_CHECKS, checkUsage, ...CONFIG_CHECKS, checkCronJob, ...FILE_CHECKS]

export function resolveCheckResults(snapshot: DoctorSnapshot, checks: readonly Check[] = CHECKS): CheckResult[] {
  return checks.map((check) => check(snapshot)).filter((r): r is CheckResult => r !== undefined)
}
