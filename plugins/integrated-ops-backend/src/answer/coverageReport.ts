import {
  byOwningTeam,
  CoverageReport,
  bySystem,
  CoverageSummary,
  entityCoverage,
  isOwnedKind,
  readEffectiveOwners,
  summarizeCoverage,
} from '@integrated-ops/plugin-integrated-ops-common';
import { OwnershipIndex } from '../index/OwnershipIndex';
import { teamDrift } from '../drift/teamDrift';

export type { CoverageReport };

const EMPTY: CoverageSummary = {
  key: 'all',
  entities: 0,
  fullyCovered: 0,
  checks: 0,
  passed: 0,
  percent: 0,
};

/** Ownership coverage of every Component, System, Resource, API and Domain in the index. */
export function coverageReport(
  index: OwnershipIndex,
  drift: Parameters<typeof teamDrift>[1] = {},
): CoverageReport {
  const groups = new Map(
    [...index.entities].filter(([ref]) => ref.startsWith('group:')),
  );
  const entries = [...index.entities.values()]
    .filter(isOwnedKind)
    .map(entity => entityCoverage(entity, readEffectiveOwners(entity), groups));
  return {
    generatedAt: index.builtAt.toISOString(),
    overall: summarizeCoverage(entries, () => ['all'])[0] ?? EMPTY,
    bySystem: summarizeCoverage(entries, bySystem),
    byTeam: summarizeCoverage(entries, byOwningTeam),
    gaps: entries
      .filter(e => e.gaps.length)
      .sort(
        (a, b) =>
          b.gaps.length - a.gaps.length ||
          a.entityRef.localeCompare(b.entityRef),
      ),
    drift: teamDrift(index, drift),
  };
}
