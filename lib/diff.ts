// Unified diffs of a text file, as lines to print; colour is the caller's choice (a TTY).
import { createTwoFilesPatch } from 'diff'

export function resolveUnifiedDiff({ name, before, after, context = 3 }: { name: string; before: string; after: string; context?: number }): string[] {
  if (before === after) return []
  const patch = createTwoFilesPatch(`${name} (current)`, `${name} (rendered)`, before, after, undefined, undefined, {
    context,
    headerOptions: { includeIndex: false, includeUnderline: false, includeFileHeaders: true },
  })
  return patch.replace(/\n$/, '').split('\n').map((line) => line.replace(/\t$/, ''))
}

const COLOURS: Array<[RegExp, string]> = [[/^(---|\+\+\+) /, '1'], [/^@@/, '36'], [/^\+/, '32'], [/^-/, '31'], [/^#/, '33']]

export function colorizeDiffLine(line: string): string {
  const code = COLOURS.find(([re]) => re.test(line))?.[1]
  return code ? `\x1b[${code}m${line}\x1b[0m` : line
}
