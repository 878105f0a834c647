// models status --json captured from the pinned releases (test/fixtures/models-status), and the
// same re-dated to a given clock, so a captured cooldown is live again in a test run today.
import { readFileSync } from 'node:fs'
import { parseModelsStatus, type ModelsStatus } from '../../lib/openclaw/models-status.ts'

export function loadStatusFixture(name: string): ModelsStatus {
  return parseModelsStatus(loadStatusFixtureText(name))
}

export function loadStatusFixtureText(name: string): string {
  return readFileSync(new URL(`../fixtures/models-status/${name}.json`, import.meta.url), 'utf8')
}

/** The clock of the capture: an unusable entry's until minus its remainingMs. */
export function resolveFixtureNow(s: ModelsStatus): number {
  const u = s.auth.unusableProfiles[0]
  return u?.remainingMs !== undefined ? u.until - u.remainingMs : Date.now()
}

/** The fixture's text with every until/expiresAt moved so that its capture clock becomes `now`. */
export function redateStatusFixture(name: string, now = Date.now()): string {
  const s = JSON.parse(loadStatusFixtureText(name))
  const shift = now - resolveFixtureNow(parseModelsStatus(JSON.stringify(s)))
  for (const u of s.auth.unusableProfiles) u.until += shift
  return JSON.stringify(s)
}
