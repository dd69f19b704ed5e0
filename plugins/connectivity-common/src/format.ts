import type { Connection } from './analyzer';
import type { ConnectionDiff } from './diff';
import { endpointName } from './workloads';

/**
 * The output formats of the command line.
 *
 * @public
 */
export type OutputFormat = 'txt' | 'json' | 'csv' | 'md';

/** The output formats, for validation. @public */
export const OUTPUT_FORMATS: readonly OutputFormat[] = [
  'txt',
  'json',
  'csv',
  'md',
];

function csvField(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function table(
  header: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  format: Exclude<OutputFormat, 'txt' | 'json'>,
): string {
  if (format === 'csv') {
    return [header, ...rows]
      .map(r => `${r.map(csvField).join(',')}\n`)
      .join('');
  }
  const line = (r: readonly string[]) => `| ${r.join(' | ')} |\n`;
  return (
    line(header) +
    line(header.map(h => '-'.repeat(h.length))) +
    rows.map(line).join('')
  );
}

/**
 * Writes a connection list: `txt` is the roxctl / netpol-analyzer list, one
 * line per pair (`src => dst : conns`); `json` an array of
 * `{ src, dst, conn }`; `csv` and `md` a table with the columns src, dst,
 * conn.
 *
 * @public
 */
export function formatConnections(
  connections: readonly Connection[],
  format: OutputFormat,
): string {
  const rows = connections.map(
    c =>
      [endpointName(c.src), endpointName(c.dst), c.conns.toString()] as const,
  );
  switch (format) {
    case 'txt':
      return rows.map(([s, d, c]) => `${s} => ${d} : ${c}\n`).join('');
    case 'json':
      return `${JSON.stringify(
        rows.map(([src, dst, conn]) => ({ src, dst, conn })),
        null,
        2,
      )}\n`;
    default:
      return table(['src', 'dst', 'conn'], rows, format);
  }
}

/**
 * Writes a connectivity diff: `txt` one line per changed pair
 * (`diff-type: added, source: ..., destination: ..., dir1: ..., dir2: ...`),
 * `json` an array of `{ diffType, src, dst, dir1, dir2 }`, `csv` and `md` a
 * table with the columns diff-type, source, destination, dir1, dir2.
 *
 * @public
 */
export function formatDiff(
  diffs: readonly ConnectionDiff[],
  format: OutputFormat,
): string {
  const rows = diffs.map(
    d =>
      [
        d.diffType,
        endpointName(d.src),
        endpointName(d.dst),
        d.before.toString(),
        d.after.toString(),
      ] as const,
  );
  switch (format) {
    case 'txt':
      return rows
        .map(
          ([t, s, d, b, a]) =>
            `diff-type: ${t}, source: ${s}, destination: ${d}, dir1: ${b}, dir2: ${a}\n`,
        )
        .join('');
    case 'json':
      return `${JSON.stringify(
        rows.map(([diffType, src, dst, dir1, dir2]) => ({
          diffType,
          src,
          dst,
          dir1,
          dir2,
        })),
        null,
        2,
      )}\n`;
    default:
      return table(
        ['diff-type', 'source', 'destination', 'dir1', 'dir2'],
        rows,
        format,
      );
  }
}
