// doctor's look at the Codex accounts' usage (the endpoint status reads): an account out for the
// whole week cannot help until its reset, and one whose login the endpoint rejects needs a new
// sign-in. Nothing known (offline, a 5xx) is said, never counted as out.
import { resolveProfileName } from './profile-checks.ts'
import type { Check } from './snapshot.ts'

export const checkUsage: Check = ({ usage, now }) => {
  if (!usage) return undefined
  if (!usage.ok) return { id: 'usage', level: 'warn', message: `the Codex accounts' usage could not be read: ${usage.error}` }
  const readings = usage.value
  if (readings.length === 0) return undefined
  const rejected = readings.filter((r) => r.reading.status === 'login-rejected')
  const weekOut = readings.filter((r) => r.reading.status === 'ok' && (r.reading.usage.week?.usedPercent ?? 0) >= 100)
  const unknown = readings.filter((r) => r.reading.status === 'unknown')
  const name = (r: (typeof readings)[number]) => (r.email ? `${r.profileId} (${r.email})` : r.profileId)
  if (rejected.length) {
    return {
      id: 'usage', level: 'fail',
      message: `the usage endpoint rejects the login of ${rejected.map(name).join(', ')}: a new sign-in is needed`,
      fix: rejected.map((r) => `npm run add-profile -- ${resolveProfileName(r.profileId)} --replace`).join(' && '),
    }
  }
  if (weekOut.length) {
    const when = (r: (typeof readings)[number]) => {
      const at = r.reading.status === 'ok' ? r.reading.usage.week?.resetAt : undefined
      return at ? ` until ${new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z')} (in ${Math.max(1, Math.round((at - now) / 3_600_000))} h)` : ''
    }
    return {
      id: 'usage', level: 'warn',
      message: `exhausted for the week: ${weekOut.map((r) => `${name(r)}${when(r)}`).join(', ')}; ${readings.length - weekOut.length} of ${readings.length} accounts can answer`,
      fix: 'npm run status (check-and-switch puts them last until their reset)',
    }
  }
  if (unknown.length === readings.length) return { id: 'usage', level: 'warn', message: `the usage endpoint gave no answer for any account (${(unknown[0]!.reading as { reason: string }).reason})` }
  return { id: 'usage', level: 'ok', message: `usage read for ${readings.length - unknown.length} of ${readings.length} Codex accounts; none is out for the week, every login is accepted` }
}
