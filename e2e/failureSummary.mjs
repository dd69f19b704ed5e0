// Prints which browser tests failed, and their first error lines, from the
// JSON report Playwright writes (playwright.config.ts). portalw prints it last,
// after the backends' log tails, so a CI log's tail names the failing test.
import { readFileSync } from 'node:fs';

const file = process.argv[2];
let report;
try {
  report = JSON.parse(readFileSync(file, 'utf8'));
} catch (e) {
  console.error(`no Playwright report at ${file}: ${e.message}`);
  process.exit(0);
}

const failed = [];
const walk = (suite, titles) => {
  for (const child of suite.suites ?? []) walk(child, [...titles, child.title]);
  for (const spec of suite.specs ?? []) {
    for (const test of spec.tests ?? []) {
      const last = test.results?.[test.results.length - 1];
      if (!last || ['passed', 'skipped'].includes(last.status)) continue;
      const error = (last.errors?.[0]?.message ?? last.error?.message ?? '')
        // Playwright colours its messages.
        .replace(/\u001b\[[0-9;]*m/g, '')
        .split('\n')
        .slice(0, 12)
        .join('\n      ');
      failed.push(
        `  [${test.projectName}] ${[...titles, spec.title]
          .filter(Boolean)
          .join(' › ')} (${spec.file}:${spec.line}): ${
          last.status
        }\n      ${error}`,
      );
    }
  }
};
for (const suite of report.suites ?? []) walk(suite, []);
const {
  expected = 0,
  unexpected = 0,
  flaky = 0,
  skipped = 0,
} = report.stats ?? {};
console.error(
  `browser tests: ${expected} passed, ${unexpected} failed, ${flaky} flaky, ${skipped} skipped`,
);
if (failed.length) console.error(`failed:\n${failed.join('\n')}`);
