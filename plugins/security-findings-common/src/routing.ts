import { z } from 'zod';
import { FindingCategory, Severity } from './types';

/**
 * The disciplines a finding can be routed to, each resolved to the owning
 * team's member of that discipline by typed ownership.
 *
 * @public
 */
export type Discipline = 'devops' | 'netops' | 'secops';

const discipline = z.enum(['devops', 'netops', 'secops']);
const severity = z.enum(['critical', 'high', 'medium', 'low', 'info']);

/**
 * The routing rules as config gives them (every key optional, defaults filled):
 * which discipline owns each category, and from which severities SecOps sees
 * every finding as well.
 *
 * @public
 */
export const routingConfigSchema = z.strictObject({
  categories: z
    .strictObject({
      code: discipline.default('devops'),
      dependency: discipline.default('devops'),
      image: discipline.default('devops'),
      secret: discipline.default('devops'),
      iac: discipline.default('devops'),
      network: discipline.default('netops'),
    })
    .default({
      code: 'devops',
      dependency: 'devops',
      image: 'devops',
      secret: 'devops',
      iac: 'devops',
      network: 'netops',
    }),
  secopsSees: z.array(severity).default(['critical', 'high']),
});

/**
 * The routing rules once read (see {@link routingConfigSchema}).
 *
 * @public
 */
export type RoutingConfig = z.output<typeof routingConfigSchema>;

/**
 * The defaults: code, dependencies, images, secrets and non-network IaC to
 * DevOps; network misconfigurations to NetOps; SecOps sees every high and critical.
 *
 * @public
 */
export const DEFAULT_ROUTING: RoutingConfig = routingConfigSchema.parse({});

/**
 * Where a finding goes: the discipline that owns it and every discipline
 * that sees it (the owner first, SecOps added for the severities it watches).
 *
 * @public
 */
export interface Route {
  /** The discipline that owns the finding. */
  owner: Discipline;
  /** Every discipline that sees it, the owner first. */
  visibleTo: Discipline[];
}

/**
 * Routes a finding by its category and severity.
 *
 * @public
 */
export function routeFinding(
  finding: { category: FindingCategory; severity: Severity },
  config: RoutingConfig = DEFAULT_ROUTING,
): Route {
  const owner = config.categories[finding.category];
  const visibleTo: Discipline[] = [owner];
  if (owner !== 'secops' && config.secopsSees.includes(finding.severity)) {
    visibleTo.push('secops');
  }
  return { owner, visibleTo };
}
