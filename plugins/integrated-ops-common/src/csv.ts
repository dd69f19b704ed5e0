/**
 * One CSV cell: quoted when needed, spreadsheet formulas neutralised (CSV injection).
 *
 * @public
 */
export function csvCell(value: unknown): string {
  const text = value === undefined || value === null ? '' : String(value);
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * Rows of cells as CSV text, a line each.
 *
 * @public
 */
export function csvText(rows: unknown[][]): string {
  return `${rows.map(row => row.map(csvCell).join(',')).join('\n')}\n`;
}
