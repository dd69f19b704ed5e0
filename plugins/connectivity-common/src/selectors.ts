import type { ILabelSelector } from '@kubernetes-models/apimachinery/apis/meta/v1/LabelSelector';

/**
 * Labels of a pod or a namespace.
 *
 * @public
 */
export type Labels = Readonly<Record<string, string>>;

/**
 * A label selector (`matchLabels` and `matchExpressions`, ANDed).
 *
 * @public
 */
export type LabelSelector = ILabelSelector;

const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * What is wrong with a selector, as the API server's validation would say it
 * (empty when it is valid). `path` prefixes each message.
 *
 * @public
 */
export function selectorProblems(selector: unknown, path: string): string[] {
  if (!isRecord(selector)) return [`${path}: must be a label selector object`];
  const problems: string[] = [];
  const { matchLabels, matchExpressions } = selector;
  if (matchLabels !== undefined && matchLabels !== null) {
    if (!isRecord(matchLabels)) {
      problems.push(`${path}.matchLabels: must be a map of strings`);
    } else {
      for (const [key, value] of Object.entries(matchLabels)) {
        if (typeof value !== 'string') {
          problems.push(`${path}.matchLabels.${key}: must be a string`);
        }
      }
    }
  }
  if (matchExpressions !== undefined && matchExpressions !== null) {
    if (!Array.isArray(matchExpressions)) {
      problems.push(`${path}.matchExpressions: must be a list`);
    } else {
      matchExpressions.forEach((expr: unknown, i) => {
        const at = `${path}.matchExpressions[${i}]`;
        if (!isRecord(expr) || typeof expr.key !== 'string' || !expr.key) {
          problems.push(`${at}: needs a key`);
          return;
        }
        const values = expr.values ?? [];
        if (!Array.isArray(values) || values.some(v => typeof v !== 'string')) {
          problems.push(`${at}.values: must be a list of strings`);
          return;
        }
        if (!OPERATORS.includes(expr.operator as string)) {
          problems.push(
            `${at}.operator: "${String(
              expr.operator,
            )}" is not one of ${OPERATORS.join(', ')}`,
          );
        } else if (
          (expr.operator === 'In' || expr.operator === 'NotIn') &&
          values.length === 0
        ) {
          problems.push(`${at}.values: must be non-empty for ${expr.operator}`);
        } else if (
          (expr.operator === 'Exists' || expr.operator === 'DoesNotExist') &&
          values.length > 0
        ) {
          problems.push(`${at}.values: must be empty for ${expr.operator}`);
        }
      });
    }
  }
  return problems;
}

/**
 * Whether `labels` match a (valid) selector: every `matchLabels` pair and
 * every `matchExpressions` requirement holds; the empty selector matches
 * everything.
 *
 * @public
 */
export function matchesSelector(
  selector: LabelSelector,
  labels: Labels,
): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== value) return false;
  }
  for (const expr of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, expr.key);
    const values = expr.values ?? [];
    switch (expr.operator) {
      case 'In':
        if (!has || !values.includes(labels[expr.key])) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[expr.key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}
