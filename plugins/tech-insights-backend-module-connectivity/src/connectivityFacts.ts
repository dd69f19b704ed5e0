import { Entity, parseEntityRef } from '@backstage/catalog-model';
import type { TechInsightFact } from '@backstage-community/plugin-tech-insights-node';
import { accessEndsAt } from '@integrated-ops/plugin-connectivity-common';
import type { Estate } from '@integrated-ops/plugin-connectivity-node';
import type { InvariantsOnMain } from '@integrated-ops/plugin-ops-requests-node';

/**
 * The retriever's id (`techInsights.factRetrievers.<id>` schedules it).
 *
 * @public
 */
export const CONNECTIVITY_FACTS_RETRIEVER = 'connectivityFactRetriever';

/**
 * The facts of each Component from the network main allows (`estate`) and
 * the change policy's invariants judged on it:
 *
 * - `workloads`: the workloads it maps to (from the repository, or the pods
 *   its annotations or name say it runs);
 * - `baseline`: every one of them is isolated for ingress and egress by some
 *   policy (the namespace's default-deny, or rules of its own);
 * - `expiredRules`: policies selecting its workloads whose
 *   `integrated-ops.io/expires-at` has passed (access still open after its
 *   end: the revocation did not land);
 * - `invariantViolations`: connections main allows into it that an invariant
 *   forbids (0 when it is no invariant's destination);
 * - `mainCommit`, `retrievedAt`: what the facts were read from, and when.
 *
 * @public
 */
export function connectivityFacts(
  components: Entity[],
  estate: Estate,
  invariants: InvariantsOnMain,
  options: { now: Date; commit?: string },
): TechInsightFact[] {
  const now = options.now.getTime();
  const violations = new Map<string, number>();
  for (const v of invariants.violations) {
    violations.set(v.destination, (violations.get(v.destination) ?? 0) + 1);
  }
  return components.map(entity => {
    const ref = `component:${entity.metadata.namespace ?? 'default'}/${
      entity.metadata.name
    }`.toLocaleLowerCase('en-US');
    const ids = estate.entities.get(ref) ?? [];
    const selecting = ids.map(id => estate.model.selectedBy(id));
    const expired = new Set<string>();
    for (const policy of selecting.flatMap(s => [...s.ingress, ...s.egress])) {
      const end = accessEndsAt(
        estate.policyNotes(policy.namespace, policy.name).expiresAt,
      );
      if (end !== undefined && end <= now) {
        expired.add(`${policy.namespace}/${policy.name}`);
      }
    }
    const { kind, namespace, name } = parseEntityRef(ref);
    return {
      entity: { kind, namespace, name },
      facts: {
        workloads: ids.length,
        baseline:
          ids.length > 0 &&
          selecting.every(s => s.ingress.length > 0 && s.egress.length > 0),
        expiredRules: expired.size,
        invariantViolations: violations.get(ref) ?? 0,
        mainCommit: options.commit ?? '',
        retrievedAt: options.now.toISOString(),
      },
    };
  });
}

const integer = (description: string) => ({
  type: 'integer' as const,
  description,
});

/** The facts' schema, as Tech Insights stores it. */
export const connectivityFactsSchema = {
  workloads: integer('Workloads the component maps to'),
  baseline: {
    type: 'boolean' as const,
    description:
      'Every workload of the component is isolated for ingress and egress',
  },
  expiredRules: integer('Network policies selecting it past their expiry'),
  invariantViolations: integer(
    'Connections main allows into it that a connectivity invariant forbids',
  ),
  mainCommit: {
    type: 'string' as const,
    description: "The infrastructure repository's main commit read",
  },
  retrievedAt: {
    type: 'string' as const,
    description: 'When the facts were read (ISO instant)',
  },
};
