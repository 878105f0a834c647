// A last line of defence: every token we handle is registered here, and every line lib/cli.ts
// prints (ours or a child's) passes through redact(). The first line of defence is never putting
// a token in a message at all; this catches the day someone does.

const MIN_PIECE = 12
const secrets = new Set<string>()

export function registerSecret(value: string | undefined | null): void {
  if (value && value.length >= MIN_PIECE) secrets.add(value)
}

/** Replaces every registered secret, and any 12-character piece of one, with [redacted]. */
export function redact(text: string): string {
  if (secrets.size === 0) return text
  let out = text
  for (const s of secrets) {
    if (out.includes(s)) out = out.split(s).join('[redacted]')
  }
  // Pieces: slide a 12-character window only where a long base64url-ish run appears.
  return out.replace(/[A-Za-z0-9_\-.+/=]{12,}/g, (run) => (containsPiece(run) ? '[redacted]' : run))
}

function containsPiece(run: string): boolean {
  for (const s of secrets) {
    for (let i = 0; i + MIN_PIECE <= run.length; i++) {
      if (s.includes(run.slice(i, i + MIN_PIECE))) return true
    }
  }
  return false
}
