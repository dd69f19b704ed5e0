import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { TechInsightFact } from '@backstage-community/plugin-tech-insights-node';
import type { ComponentFactsList } from '@integrated-ops/plugin-security-findings-common';

/**
 * The retriever's id (`techInsights.factRetrievers.<id>` schedules it).
 *
 * @public
 */
export const SECURITY_FACTS_RETRIEVER = 'securityFindingsFactRetriever';

const DAY = 86_400_000;

/**
 * The facts of each component from the security-findings plugin's figures
 * (`GET /facts`); a component no scanner has reported on has zeros and
 * `scanned: false`:
 *
 * - `openCritical`, `openHigh`: open findings of that severity (accepted
 *   ones included: still open);
 * - `criticalOrHighPastSla`: critical and high ones past their due date,
 *   their risk not accepted;
 * - `netopsPastSla`, `devopsPastSla`, `secopsPastSla`: findings past their
 *   SLA that discipline owns;
 * - `scanned`: a scanner reported on it within `scannedWithinDays`;
 * - `retrievedAt`: when these facts were read (ISO instant).
 *
 * @public
 */
export function securityFacts(
  components: Entity[],
  figures: ComponentFactsList,
  options: { scannedWithinDays: number; retrievedAt?: Date },
): TechInsightFact[] {
  if (figures.truncated) {
    // Components past the cut would read as clean: keep the last facts.
    throw new Error(
      'The security findings figures were cut at their limit (20,000 components): no facts written rather than zeros for the rest',
    );
  }
  const retrievedAt = options.retrievedAt ?? new Date();
  const since = retrievedAt.getTime() - options.scannedWithinDays * DAY;
  const byRef = new Map(figures.components.map(c => [c.entityRef, c]));
  return components.map(entity => {
    const ref = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
    const f = byRef.get(ref);
    const { kind, namespace, name } = parseEntityRef(ref);
    return {
      entity: { kind, namespace, name },
      facts: {
        openCritical: f?.open.critical ?? 0,
        openHigh: f?.open.high ?? 0,
        criticalOrHighPastSla:
          (f?.pastSla.critical ?? 0) + (f?.pastSla.high ?? 0),
        netopsPastSla: f?.pastSlaByDiscipline.netops ?? 0,
        devopsPastSla: f?.pastSlaByDiscipline.devops ?? 0,
        secopsPastSla: f?.pastSlaByDiscipline.secops ?? 0,
        scanned: !!f?.lastReportAt && Date.parse(f.lastReportAt) >= since,
        retrievedAt: retrievedAt.toISOString(),
      },
    };
  });
}

const integer = (description: string) => ({
  type: 'integer' as const,
  description,
});

/** The facts' schema, as Tech Insights stores it. */
export const securityFactsSchema = {
  openCritical: integer('Open critical findings'),
  openHigh: integer('Open high findings'),
  criticalOrHighPastSla: integer(
    'Critical and high findings past their SLA, risk not accepted',
  ),
  netopsPastSla: integer('Findings NetOps owns past their SLA'),
  devopsPastSla: integer('Findings DevOps owns past their SLA'),
  secopsPastSla: integer('Findings SecOps owns past their SLA'),
  scanned: {
    type: 'boolean' as const,
    description: 'A scanner reported on the component recently',
  },
  retrievedAt: {
    type: 'string' as const,
    description: 'When the facts were read (ISO instant)',
  },
};
