import { InputError } from '@backstage/errors';
import {
  ChangePolicy,
  changePolicySchema,
} from '@integrated-ops/plugin-ops-requests-common';
import { readFile } from 'fs/promises';
import { basename } from 'path';
import { parse } from 'yaml';

/**
 * Reads the change policy from the repository on every check, so a merged
 * policy change applies to the next request without a restart. A file that
 * does not match the schema is an error naming the field.
 *
 * @public
 */
export async function loadChangePolicy(file: string): Promise<ChangePolicy> {
  let raw: unknown;
  try {
    raw = parse(await readFile(file, 'utf8'));
  } catch (error) {
    // The error names the file, not where it lives on the server.
    const reason =
      (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new InputError(
      `cannot read change policy ${basename(file)}: ${reason}`,
    );
  }
  const parsed = changePolicySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(
      `change policy ${basename(file)} is invalid at ${
        issue.path.join('.') || '(root)'
      }: ${issue.message}`,
    );
  }
  return parsed.data;
}
