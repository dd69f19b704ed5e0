import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { TechInsightFact } from '@backstage-community/plugin-tech-insights-node';
import {
  contactLinks,
  DISCIPLINES,
  parseOpsTeam,
  readEffectiveOwners,
} from '@integrated-ops/plugin-integrated-ops-common';

/**
 * The retriever's id (`techInsights.factRetrievers.<id>` schedules it).
 *
 * @public
 */
export const OWNERSHIP_FACTS_RETRIEVER = 'integratedOpsOwnershipFactRetriever';

/**
 * The facts of one component, system or resource, from the catalog as the
 * integrated-ops catalog module processed it:
 *
 * - `<discipline>Owner`: `declared`, `inherited`, `fallback` (only spec.owner)
 *   or `missing`;
 * - `<discipline>OnCall`: distinct people on the owning team's on-call
 *   rotations (0 without a team or rotations);
 * - `runbook`: a `runbook` link on the entity or on its DevOps owning team;
 * - `retrievedAt`: when these facts were read (ISO instant), so that a
 *   scorecard says how old they are.
 *
 * @public
 */
export function ownershipFacts(
  entities: Entity[],
  groups: Entity[],
  retrievedAt: Date = new Date(),
): TechInsightFact[] {
  const lower = (ref: string) => ref.toLocaleLowerCase('en-US');
  const groupByRef = new Map(
    groups.map(g => [lower(stringifyEntityRef(g)), g]),
  );
  const onCallPeople = (teamRef: string | undefined) => {
    const team = teamRef ? groupByRef.get(teamRef) : undefined;
    if (!team) return 0;
    const parsed = parseOpsTeam(team);
    const rotations = parsed.ok ? parsed.value?.onCall ?? [] : [];
    return new Set(rotations.flatMap(r => r.members)).size;
  };
  const hasRunbook = (entity: Entity | undefined) =>
    !!entity && contactLinks(entity).some(l => l.type === 'runbook');

  return entities.map(entity => {
    const owners = readEffectiveOwners(entity);
    const facts: Record<string, string | number | boolean> = {};
    for (const d of DISCIPLINES) {
      facts[`${d}Owner`] = owners[d].source;
      facts[`${d}OnCall`] = onCallPeople(owners[d].owner);
    }
    const devopsTeam = owners.devops.owner
      ? groupByRef.get(owners.devops.owner)
      : undefined;
    facts.runbook = hasRunbook(entity) || hasRunbook(devopsTeam);
    facts.retrievedAt = retrievedAt.toISOString();
    const { kind, namespace, name } = parseEntityRef(
      stringifyEntityRef(entity),
    );
    return { entity: { kind, namespace, name }, facts };
  });
}

/** The facts' schema, as Tech Insights stores it. */
export const ownershipFactsSchema = {
  ...Object.fromEntries(
    DISCIPLINES.flatMap(d => [
      [
        `${d}Owner`,
        {
          type: 'string' as const,
          description: `Where the ${d} owner comes from: declared, inherited, fallback (spec.owner only) or missing`,
        },
      ],
      [
        `${d}OnCall`,
        {
          type: 'integer' as const,
          description: `People on the ${d} owning team's on-call rotations`,
        },
      ],
    ]),
  ),
  runbook: {
    type: 'boolean' as const,
    description: 'A runbook link on the entity or its DevOps owning team',
  },
  retrievedAt: {
    type: 'string' as const,
    description: 'When the facts were read from the catalog (ISO instant)',
  },
};
