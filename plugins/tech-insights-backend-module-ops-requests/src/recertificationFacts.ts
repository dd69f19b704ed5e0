import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { TechInsightFact } from '@backstage-community/plugin-tech-insights-node';
import {
  DISCIPLINES,
  lowerRef,
  readEffectiveOwners,
} from '@integrated-ops/plugin-integrated-ops-common';
import type { RecertificationReport } from '@integrated-ops/plugin-ops-requests-common';

/**
 * The retriever's id (`techInsights.factRetrievers.<id>` schedules it).
 *
 * @public
 */
export const RECERTIFICATION_FACTS_RETRIEVER =
  'opsRequestsRecertificationFactRetriever';

/**
 * Where each entity's typed owners stand in their ownership
 * re-certification, per discipline (`netopsRecertification`,
 * `devopsRecertification`, `secopsRecertification`): the state of the
 * declaration the entity owns through (its own, or its System's or
 * Domain's) - `confirmed` or `handover-accepted` within the policy's
 * period, `pending` or `handover-offered` (asked, not answered), `due`
 * (neither) - or `none` when no typed owner is declared for it (the
 * spec.owner fallback is a gap, not a declaration). `retrievedAt`: when.
 *
 * @public
 */
export function recertificationFacts(
  entities: Entity[],
  report: RecertificationReport,
  retrievedAt: Date = new Date(),
): TechInsightFact[] {
  const states = new Map(
    report.items.map(i => [
      `${lowerRef(i.declaredOn)} ${i.discipline}`,
      i.state,
    ]),
  );
  return entities.map(entity => {
    const owners = readEffectiveOwners(entity);
    const facts: Record<string, string> = {
      retrievedAt: retrievedAt.toISOString(),
    };
    for (const discipline of DISCIPLINES) {
      const { source, declaredOn } = owners[discipline];
      facts[`${discipline}Recertification`] =
        source === 'declared' || source === 'inherited'
          ? states.get(
              `${lowerRef(
                declaredOn ?? stringifyEntityRef(entity),
              )} ${discipline}`,
            ) ?? 'due'
          : 'none';
    }
    return {
      entity: {
        kind: entity.kind.toLocaleLowerCase('en-US'),
        namespace: (entity.metadata.namespace ?? 'default').toLocaleLowerCase(
          'en-US',
        ),
        name: entity.metadata.name.toLocaleLowerCase('en-US'),
      },
      facts,
    };
  });
}

const state = (discipline: string) => ({
  type: 'string' as const,
  description: `Where the ${discipline} owner's declaration stands in its re-certification: confirmed, handover-accepted, pending, handover-offered, due, or none`,
});

/** The facts' schema, as Tech Insights stores it. */
export const recertificationFactsSchema = {
  netopsRecertification: state('NetOps'),
  devopsRecertification: state('DevOps'),
  secopsRecertification: state('SecOps'),
  retrievedAt: {
    type: 'string' as const,
    description: 'When the facts were read (ISO instant)',
  },
};
