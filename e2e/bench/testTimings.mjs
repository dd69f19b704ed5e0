#!/usr/bin/env node
/*
 * The timing table of a `./portalw test` run, from its output:
 *   ./portalw test 2>&1 | tee /tmp/test.log
 *   node e2e/bench/testTimings.mjs /tmp/test.log
 * Prints markdown: each phase's seconds (portalw's "== <phase>: ok (N s)"
 * lines), the test counts, the slowest 20 Jest files (Jest's "PASS <file>
 * (N s)"; files under 5 s print no time and count as 5 s at most), and the
 * slowest 20 Playwright spec files (the list reporter's per-test times,
 * summed per file and project).
 */
import { readFileSync } from 'node:fs';

const file = process.argv[2];
if (!file) {
  console.error(
    'usage: node e2e/bench/testTimings.mjs <output of ./portalw test>',
  );
  process.exit(2);
}
// Colours off: portalw and Jest colour their lines.
const text = readFileSync(file, 'utf8').replace(/\u001b\[[0-9;]*m/g, '');
const lines = text.split('\n');

const phases = lines
  .map(l => /portalw: == (.+): ok \((\d+) s\)/.exec(l))
  .filter(Boolean)
  .map(m => [m[1], Number(m[2])]);

const jest = new Map();
for (const l of lines) {
  const m =
    /^(?:PASS|FAIL) (?:\S+ )?(\S+\.test\.tsx?)(?: \(([\d.]+) s\))?/.exec(l);
  if (m) jest.set(m[1], Math.max(jest.get(m[1]) ?? 0, Number(m[2] ?? 0)));
}

const specs = new Map();
const unit = { ms: 1, s: 1000, m: 60_000 };
for (const l of lines) {
  const m =
    /[✓✘-]\s+\d+ \[(\w+)\] › (\S+):\d+:\d+ › .*\(([\d.]+)(ms|s|m)\)\s*$/.exec(
      l,
    );
  if (!m) continue;
  const key = `${m[2]} [${m[1]}]`;
  specs.set(key, (specs.get(key) ?? 0) + (Number(m[3]) * unit[m[4]]) / 1000);
}

const counts = {
  jest: /^Tests:\s+(.*)$/m.exec(text)?.[1],
  playwright: (/^\s+(\d+) passed \(/m.exec(text) ?? [])[1],
};

const table = (title, rows) =>
  [
    `| ${title} | seconds |`,
    '| --- | ---: |',
    ...rows.map(([name, s]) => `| ${name} | ${Number(s).toFixed(1)} |`),
  ].join('\n');

const top = map => [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, 20);

console.log(table('phase', phases));
console.log(
  `\nTotal of the phases: ${phases.reduce((t, [, s]) => t + s, 0)} s. ` +
    `Jest: ${counts.jest ?? '?'}; Playwright: ${
      counts.playwright ?? '?'
    } passed.\n`,
);
console.log(table('Jest file (slowest 20)', top(jest)));
console.log();
console.log(table('Playwright spec (slowest 20, summed per file)', top(specs)));
