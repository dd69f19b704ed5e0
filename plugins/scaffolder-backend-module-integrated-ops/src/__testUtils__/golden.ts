import { existsSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';

const GOLDEN_DIR = join(__dirname, '../actions/__golden__');

/**
 * Compares rendered output with a golden file under actions/__golden__.
 * `UPDATE_GOLDEN=1` rewrites the file instead (review the diff before committing).
 */
export function expectGolden(name: string, actual: string) {
  const file = join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN || !existsSync(file)) {
    if (!process.env.UPDATE_GOLDEN) {
      throw new Error(
        `no golden file ${name}; run with UPDATE_GOLDEN=1 to create it`,
      );
    }
    writeFileSync(file, actual);
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}
