// The bench's output: GitHub-flavoured Markdown tables (so the README can hold them verbatim).
export type Cell = string | number

export function formatTable(title: string, headers: string[], rows: Cell[][], notes: string[] = []): string {
  const cells = [headers, ...rows.map((r) => r.map(String))]
  const widths = headers.map((_, i) => Math.max(3, ...cells.map((r) => (r[i] ?? '').length)))
  const line = (r: string[]) => `| ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`
  const rule = `|${widths.map((w, i) => (i === 0 ? `${'-'.repeat(w + 1)}-` : `-${'-'.repeat(w)}:`)).join('|')}|`
  return [`### ${title}`, '', line(cells[0]!), rule, ...cells.slice(1).map(line), ...(notes.length ? ['', ...notes] : []), ''].join('\n')
}

export const ms = (x: number) => (Number.isFinite(x) ? `${Math.round(x).toLocaleString('en-US')} ms` : '—')
export const mb = (x: number) => (Number.isFinite(x) && x > 0 ? `${Math.round(x)} MB` : '—')
export const ratio = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '—')
