import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { Discipline, DISCIPLINE_TITLES, DISCIPLINES } from './disciplines';
import { EffectiveOwners } from './inheritance';
import { hasRunbook, isReachable } from './contacts';
import { parseOpsTeam } from './declarations/opsTeam';
import { tryNormalizeEntityRef, lowerRef } from './refs';

/**
 * What an entity lacks for a discipline: an owner, a known or reachable team,
 * a rotation, or a runbook.
 *
 * @public
 */
export type GapKind =
  | 'owner-missing'
  | 'owner-fallback'
  | 'owner-unknown'
  | 'team-unreachable'
  | 'no-rotation'
  | 'no-runbook';

/**
 * One gap in an entity's ownership coverage, in words.
 *
 * @public
 */
export interface CoverageGap {
  /** Which check failed. */
  kind: GapKind;
  /** The discipline the gap is for; absent for the runbook check, which covers them all. */
  discipline?: Discipline;
  /** The gap in words for people, naming the owner when there is one. */
  message: string;
}

/**
 * An entity's ownership coverage: its effective owners and the checks it
 * failed.
 *
 * @public
 */
export interface EntityCoverage {
  /** The entity's full ref, lower-cased. */
  entityRef: string;
  /** The entity's kind as written in the catalog. */
  kind: string;
  /** metadata.title, else metadata.name. */
  title: string;
  /** Full ref of its System, if any. */
  system?: string;
  /** The effective owner of each discipline, after inheritance. */
  owners: EffectiveOwners;
  /** The checks it failed; empty when fully covered. */
  gaps: CoverageGap[];
  /** Checks made (3 per discipline + runbook) and how many passed. */
  checks: number;
  /** How many of `checks` passed. */
  passed: number;
}

/**
 * Coverage of a group of entities (all, a System or a team): how many checks
 * passed.
 *
 * @public
 */
export interface CoverageSummary {
  /** The group: a System ref, "(no system)" or a team ref, as the key function gave it. */
  key: string;
  /** How many entities count in the group. */
  entities: number;
  /** How many of them have no gap. */
  fullyCovered: number;
  /** Checks made over the group's entities. */
  checks: number;
  /** How many of `checks` passed. */
  passed: number;
  /** passed / checks, 0-100, one decimal. */
  percent: number;
}

/**
 * Whether a team has an on-call rotation, remembered per team entity: a
 * coverage report asks it for every entity and discipline, of the same few
 * teams, and entities are not changed once read.
 */
const rotationByTeam = new WeakMap<Entity, boolean>();
function teamHasRotation(team: Entity): boolean {
  let known = rotationByTeam.get(team);
  if (known === undefined) {
    const parsed = parseOpsTeam(team);
    known = parsed.ok && (parsed.value?.onCall?.length ?? 0) > 0;
    rotationByTeam.set(team, known);
  }
  return known;
}

/**
 * What one entity lacks. Per discipline: an owner declared or inherited (not
 * the spec.owner fallback) that exists in the catalog, reachable by chat,
 * pager or phone, with an on-call rotation. Plus a runbook, on the entity or
 * on one of its owning teams. `teams` maps lower-case group refs to groups.
 *
 * @public
 */
export function entityCoverage(
  entity: Entity,
  owners: EffectiveOwners,
  teams: ReadonlyMap<string, Entity>,
): EntityCoverage {
  const gaps: CoverageGap[] = [];
  let passed = 0;
  const ownerTeams: Entity[] = [];

  for (const discipline of DISCIPLINES) {
    const title = DISCIPLINE_TITLES[discipline];
    const owner = owners[discipline];
    if (owner.source === 'missing' || !owner.owner) {
      gaps.push({
        kind: 'owner-missing',
        discipline,
        message: `no ${title} owner declared or inherited`,
      });
      continue;
    }
    if (owner.source === 'fallback') {
      gaps.push({
        kind: 'owner-fallback',
        discipline,
        message: `no ${title} owner declared; falling back to spec.owner ${owner.owner}`,
      });
    } else {
      passed++;
    }
    const team = teams.get(lowerRef(owner.owner));
    if (!team) {
      gaps.push({
        kind: 'owner-unknown',
        discipline,
        message: `${title} owner ${owner.owner} is not in the catalog`,
      });
      continue;
    }
    ownerTeams.push(team);
    if (isReachable(team)) passed++;
    else
      gaps.push({
        kind: 'team-unreachable',
        discipline,
        message: `${owner.owner} has no chat, pager or phone link`,
      });
    if (teamHasRotation(team)) passed++;
    else
      gaps.push({
        kind: 'no-rotation',
        discipline,
        message: `${owner.owner} has no on-call rotation`,
      });
  }

  if (hasRunbook(entity) || ownerTeams.some(hasRunbook)) passed++;
  else
    gaps.push({
      kind: 'no-runbook',
      message: 'no runbook link on the entity or its owning teams',
    });

  // A full ref, so that reports can link to the System.
  const system = tryNormalizeEntityRef(entity.spec?.system, {
    defaultKind: 'system',
    defaultNamespace: entity.metadata.namespace,
  });
  return {
    entityRef: lowerRef(stringifyEntityRef(entity)),
    kind: entity.kind,
    title: entity.metadata.title ?? entity.metadata.name,
    system,
    owners,
    gaps,
    checks: DISCIPLINES.length * 3 + 1,
    passed,
  };
}

/**
 * Groups entity coverage by the keys `keysOf` gives each entry (an entry may count for several).
 *
 * @public
 */
export function summarizeCoverage(
  entries: EntityCoverage[],
  keysOf: (entry: EntityCoverage) => string[],
): CoverageSummary[] {
  const byKey = new Map<string, CoverageSummary>();
  for (const entry of entries) {
    for (const key of new Set(keysOf(entry))) {
      const s = byKey.get(key) ?? {
        key,
        entities: 0,
        fullyCovered: 0,
        checks: 0,
        passed: 0,
        percent: 0,
      };
      s.entities++;
      s.checks += entry.checks;
      s.passed += entry.passed;
      if (entry.gaps.length === 0) s.fullyCovered++;
      byKey.set(key, s);
    }
  }
  return [...byKey.values()]
    .map(s => ({
      ...s,
      percent: s.checks ? Math.round((1000 * s.passed) / s.checks) / 10 : 0,
    }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

/**
 * Key by System (entities without one under "(no system)").
 *
 * @public
 */
export const bySystem = (entry: EntityCoverage) => [
  entry.system ?? '(no system)',
];

/**
 * Key by every team that owns the entity for some discipline.
 *
 * @public
 */
export const byOwningTeam = (entry: EntityCoverage) =>
  DISCIPLINES.map(d => entry.owners[d].owner).filter((o): o is string => !!o);
