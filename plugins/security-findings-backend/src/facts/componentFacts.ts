import {
  Discipline,
  DISCIPLINES,
} from '@integrated-ops/plugin-integrated-ops-common';
import {
  SEVERITIES,
  Severity,
} from '@integrated-ops/plugin-security-findings-common';
import { Knex } from 'knex';
import { PAST_DUE_COUNT } from '../service/FindingStore';

/** Components answered at most (the answer's cost, fixed before it starts). */
export const MAX_FACT_COMPONENTS = 20_000;

/** One component's open findings in numbers, as the scorecards' facts read them. */
export interface ComponentFacts {
  entityRef: string;
  open: Record<Severity, number>;
  /** Past their due date and not accepted. */
  pastSla: Record<Severity, number>;
  pastSlaByDiscipline: Record<Discipline, number>;
  lastReportAt: string | null;
}

const zeros = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map(k => [k, 0])) as Record<K, number>;

/**
 * Every component with findings or reports, in numbers: two grouped queries
 * (findings by component, severity and discipline; reports by component),
 * each bounded, whatever the number of findings.
 */
export async function componentFacts(
  db: Knex,
  now: Date,
): Promise<{ components: ComponentFacts[]; truncated: boolean }> {
  const reports: Array<{ entity_ref: string; last: string }> = await db(
    'security_reports',
  )
    .groupBy('entity_ref')
    .select('entity_ref', db.raw('MAX(reported_at) AS last'))
    .orderBy('entity_ref')
    .limit(MAX_FACT_COMPONENTS + 1);
  const rows: Array<{
    entity_ref: string;
    severity: string;
    discipline: string;
    open: number | string;
    past: number | string | null;
  }> = await db('security_findings')
    .where('status', 'open')
    .groupBy('entity_ref', 'severity', 'discipline')
    .select(
      'entity_ref',
      'severity',
      'discipline',
      db.raw('COUNT(*) AS open'),
      db.raw(`${PAST_DUE_COUNT} AS past`, [now.toISOString()]),
    )
    .orderBy('entity_ref')
    // Five severities by three disciplines per component at most.
    .limit(MAX_FACT_COMPONENTS * 15 + 1);

  const byRef = new Map<string, ComponentFacts>();
  const of = (entityRef: string) => {
    let facts = byRef.get(entityRef);
    if (!facts) {
      facts = {
        entityRef,
        open: zeros(SEVERITIES),
        pastSla: zeros(SEVERITIES),
        pastSlaByDiscipline: zeros(DISCIPLINES),
        lastReportAt: null,
      };
      byRef.set(entityRef, facts);
    }
    return facts;
  };
  for (const r of reports) of(r.entity_ref).lastReportAt = r.last;
  for (const r of rows) {
    const facts = of(r.entity_ref);
    const severity = r.severity as Severity;
    if (!(severity in facts.open)) continue;
    const past = Number(r.past ?? 0);
    facts.open[severity] += Number(r.open);
    facts.pastSla[severity] += past;
    if (r.discipline in facts.pastSlaByDiscipline) {
      facts.pastSlaByDiscipline[r.discipline as Discipline] += past;
    }
  }
  const all = [...byRef.values()].sort((a, b) =>
    a.entityRef.localeCompare(b.entityRef),
  );
  const truncated =
    all.length > MAX_FACT_COMPONENTS ||
    reports.length > MAX_FACT_COMPONENTS ||
    rows.length > MAX_FACT_COMPONENTS * 15;
  return { components: all.slice(0, MAX_FACT_COMPONENTS), truncated };
}
