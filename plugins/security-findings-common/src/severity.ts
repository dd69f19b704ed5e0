import { Severity } from './types';

/**
 * The severity a CVSS-like score (GitHub's `security-severity`, a CVSS base
 * score) stands for: 9.0 and above critical, 7.0 high, 4.0 medium, 0.1 low,
 * below that info. Undefined when the value is not a finite number from 0 to 10.
 *
 * @public
 */
export function severityFromScore(
  score: number | string | undefined,
): Severity | undefined {
  if (score === undefined) return undefined;
  const value = typeof score === 'number' ? score : Number(score.trim());
  if (typeof score === 'string' && score.trim() === '') return undefined;
  if (!Number.isFinite(value) || value < 0 || value > 10) return undefined;
  if (value >= 9) return 'critical';
  if (value >= 7) return 'high';
  if (value >= 4) return 'medium';
  if (value >= 0.1) return 'low';
  return 'info';
}

/**
 * The severity a scanner's word stands for, in any case: critical, high,
 * medium (moderate), low, negligible/info/none. `unknown` (Trivy, Grype) is
 * treated as medium, so that a finding nobody has rated still gets an SLA
 * clock rather than none. Undefined for any other word.
 *
 * @public
 */
export function severityFromWord(
  word: string | undefined,
): Severity | undefined {
  switch (word?.trim().toLowerCase()) {
    case 'critical':
      return 'critical';
    case 'high':
      return 'high';
    case 'medium':
    case 'moderate':
    case 'unknown':
      return 'medium';
    case 'low':
      return 'low';
    case 'negligible':
    case 'info':
    case 'informational':
    case 'none':
      return 'info';
    default:
      return undefined;
  }
}

/**
 * The severity of a SARIF level: error high, warning medium, note low, none info.
 *
 * @public
 */
export function severityFromSarifLevel(
  level: 'none' | 'note' | 'warning' | 'error',
): Severity {
  switch (level) {
    case 'error':
      return 'high';
    case 'warning':
      return 'medium';
    case 'note':
      return 'low';
    default:
      return 'info';
  }
}
