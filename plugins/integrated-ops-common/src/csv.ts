/**
 * One CSV cell: quoted when needed, spreadsheet formulas neutralised (CSV injection).
 *
 * @public
 */
export function csvCell(value: unknown): string {
  const text = value === undefined || value === null ? '' : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * Rows of cells as CSV text, a line each.
 *
 * @public
 */
export function csvText(rows: unknown[][]): string {
  return `${rows.map(row => row.map(csvCell).join(',')).join('\n')}\n`;
}
