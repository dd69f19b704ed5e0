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
