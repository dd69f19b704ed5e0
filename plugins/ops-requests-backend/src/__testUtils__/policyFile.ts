import { resolve } from 'path';

/** The repository's own change policy, as the portal reads it. */
export const POLICY_FILE = resolve(
  __dirname,
  '../../../../policies/change-policy.yaml',
);
