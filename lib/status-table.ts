// status as a table for a terminal: a header with where things are, one row per profile, times
// relative to `now` ("in 52 min", "expired 3 h ago"). Pure, so the table is a fixture test.
import { describeDetection } from './add-profile.ts'
import type { Report } from './cli.ts'
import type { StatusRow, StatusView, UnusableState } from './status-view.ts'

const COLUMNS = ['ORDER', 'PROFILE', 'EMAIL', 'PLAN', 'ACCOUNT', 'ACCESS TOKEN', 'REFRESH', 'STATE', 'LAST USED'] as const
const USAGE_COLUMNS = ['5 H', 'WEEK'] as const

export function formatStatus(view: StatusView, now = view.checkedAt, { bars = false } = {}): Report {
  const models = view.primary ? `primary ${view.primary}, fallbacks ${view.fallbacks.join(', ') || 'none'}` : 'no primary model set'
  const lines = [describeDetection(view.openclaw, view.storePath), `config ${view.configPath}: ${models}`, '']
  if (view.profiles.length === 0) lines.push(`no profiles in ${view.storePath}; add one with: npm run add-profile -- NAME`)
  else {
    // The usage columns once any account's usage was read (status --no-usage leaves them out).
    const usage = view.profiles.some((r) => r.usage)
    const head = [...COLUMNS.slice(0, 4), ...(usage ? USAGE_COLUMNS : []), ...COLUMNS.slice(4)]
    lines.push(...formatTable([head, ...view.profiles.map((r) => {
      const row = formatRow(r, now)
      return usage ? [...row.slice(0, 4), ...formatUsage(r, now, bars), ...row.slice(4)] : row
    })]))
  }
  if (view.profiles.some((r) => r.position === undefined)) lines.push('', 'ORDER "-": not in its provider\'s effective order, so OpenClaw will not use it (see auth.order)')
  for (const note of view.notes) lines.push(`note: ${note}`)
  return { data: view, lines }
}

export function formatRow(r: StatusRow, now: number): string[] {
  return [
    r.position === undefined ? '-' : String(r.position),
    r.profileId,
    r.email ?? '-',
    r.plan ?? '-',
    r.accountId ? formatAccountId(r.accountId) : '-',
    r.expires === undefined ? '-' : r.expires > now ? formatRelative(r.expires, now) : `expired ${formatRelative(r.expires, now)}`,
    r.type !== 'oauth' ? '-' : r.refreshFailed ? 'failed: sign in again' : r.hasRefresh ? 'yes' : 'no',
    r.unusable.length ? r.unusable.map((u) => formatUnusable(u, now)).join('; ') : 'ok',
    r.lastUsed === undefined ? 'never' : formatRelative(r.lastUsed, now),
  ]
}

/** The 5 h and week cells: "72% ███▌  in 2 h" (bars on a terminal), "100% until in 3 h", or why unknown. */
export function formatUsage(r: StatusRow, now: number, bars: boolean): [string, string] {
  const u = r.usage
  if (!u) return ['-', '-']
  if (u.status === 'login-rejected') return ['login rejected', '-']
  if (u.status === 'expired') return ['token expired', '-']
  if (u.status === 'unknown') return ['unknown', '-']
  const cell = (w?: { usedPercent: number; resetAt?: number }) => {
    if (!w) return '-'
    const reset = w.resetAt !== undefined ? ` ${w.usedPercent >= 100 ? 'until' : 'resets'} ${formatRelative(w.resetAt, now)}` : ''
    return `${`${Math.round(w.usedPercent)}%`.padStart(4)}${bars ? ` ${formatBar(w.usedPercent)}` : ''}${reset}`
  }
  return [cell(u.fiveHour), cell(u.week)]
}

/** Eight cells of a bar, in eighths: 0 % is empty, 100 % full. */
export function formatBar(percent: number, width = 8): string {
  const eighths = Math.round((Math.max(0, Math.min(100, percent)) / 100) * width * 8)
  const full = Math.floor(eighths / 8)
  const part = eighths % 8
  return `${'█'.repeat(full)}${part ? ' ▏▎▍▌▋▊▉'[part] : ''}`.padEnd(width, '·')
}

/** "cooldown (rate_limit) ends in 20 min" */
export function formatUnusable(u: UnusableState, now: number): string {
  return `${u.kind}${u.reason ? ` (${u.reason})` : ''}${u.model ? ` for ${u.model}` : ''} ends ${formatRelative(u.until, now)}`
}

/** Account ids are UUIDs: the first 8 characters tell them apart in a table; --json has them whole. */
export function formatAccountId(id: string): string {
  return id.length > 12 ? `${id.slice(0, 8)}…` : id
}

/** "in 52 min", "3 h ago", "in 2 d"; under a minute is "in <1 min" / "<1 min ago". */
export function formatRelative(ms: number, now: number): string {
  const span = formatSpan(Math.abs(ms - now))
  return ms >= now ? `in ${span}` : `${span} ago`
}

function formatSpan(ms: number): string {
  const minutes = Math.round(ms / 60_000)
  if (minutes < 1) return '<1 min'
  if (minutes < 90) return `${minutes} min`
  const hours = Math.round(minutes / 60)
  return hours < 48 ? `${hours} h` : `${Math.round(hours / 24)} d`
}

function formatTable(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)))
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  '))
}
