import { readFileSync } from 'fs';
import { resolve } from 'path';
import { parse } from 'yaml';
import { ChangePolicy, changePolicySchema } from '../policy/policyDocument';

/** The repository's change policy (policies/change-policy.yaml), for tests. */
export function repositoryPolicy(): ChangePolicy {
  const file = resolve(__dirname, '../../../../policies/change-policy.yaml');
  return changePolicySchema.parse(parse(readFileSync(file, 'utf8')));
}
