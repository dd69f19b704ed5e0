import { z } from 'zod';
import { RuleResult } from './changeRequest';

export const pass = (rule: string, message: string): RuleResult => ({
  rule,
  passed: true,
  message,
});

export const fail = (rule: string, message: string): RuleResult => ({
  rule,
  passed: false,
  message,
});

/** The id of a rule or invariant the policy's authors name: it is named in results. */
export const authoredRuleId = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]{0,62}$/,
    'must be lower-case letters, digits and dashes',
  );
