// Why JSON.parse refused a file, said without quoting the file. V8's messages carry up to ten
// characters of the text around the fault ("Unexpected token 'r', "rt-alice-0"... is not valid
// JSON"), and in a credential store those characters are a piece of a token.
import JSON5 from 'json5'

/** "unexpected token 'x' at line 3, column 15": the kind of fault and where, never the text. */
export function describeJsonSyntaxError(cause: unknown, text: string): string {
  const message = cause instanceof Error ? cause.message : String(cause)
  // Everything from the first double quote on is the quoted text; a control character is escaped.
  const kind = message.split('"')[0]!
    .replace(/ (?:in JSON )?at position \d+.*$/, '')
    .replace(/[,.\s]+$/, '')
    .replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
  const at = /at position (\d+)/.exec(message)
  const place = at ? resolveLineColumn(text, Number(at[1])) : resolveJson5Place(text)
  const what = kind ? kind[0]!.toLowerCase() + kind.slice(1) : 'a syntax error'
  return place ? `${what} at line ${place.line}, column ${place.column}` : what
}

export function resolveLineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset)
  const line = before.split('\n').length
  return { line, column: offset - before.lastIndexOf('\n') }
}

// Older V8 ("Unexpected token") names no position; JSON5 reads JSON and reports one for the same fault.
function resolveJson5Place(text: string): { line: number; column: number } | undefined {
  try {
    JSON5.parse(text)
  } catch (err) {
    const e = err as { lineNumber?: number; columnNumber?: number }
    if (e.lineNumber && e.columnNumber) return { line: e.lineNumber, column: e.columnNumber }
  }
  return undefined
}
