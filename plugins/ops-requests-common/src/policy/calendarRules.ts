/** The change calendar's rules: freezes over the blast radius, maintenance windows. */
import {
  freezeOccurrences,
  inScope,
  maintenanceOccurrences,
} from './changeCalendar';
import { ChangeRequestFacts, RuleResult } from './changeRequest';
import { ChangePolicy } from './policyDocument';
import { fail, pass } from './ruleResult';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Change freezes: refused when a freeze in force at the apply time covers
 * the target or anything in its blast radius; the result names the frozen
 * entity, how it is reached and the freeze's window.
 */
export function changeFreeze(
  policy: ChangePolicy,
  facts: ChangeRequestFacts,
): { results: RuleResult[]; changeAdvisory?: string } {
  const calendar = policy.spec.changeCalendar;
  if (!calendar || !facts.changeScope) return { results: [] };
  if (facts.breakGlass) {
    return {
      results: [
        pass(
          'change-freeze',
          'break-glass during an incident is not held by change freezes',
        ),
      ],
    };
  }
  const at = new Date(facts.changeScope.at);
  for (const freeze of calendar.freezes) {
    const [occurrence] = freezeOccurrences(freeze, at, at);
    if (!occurrence) continue;
    const hit = facts.changeScope.entities.find(e => inScope(freeze, e));
    if (!hit) continue;
    const where =
      hit.hop === 0
        ? 'the target'
        : `${hit.hop} ${hit.hop === 1 ? 'hop' : 'hops'} from the target, via ${
            hit.via
          }`;
    const frozen = `${freeze.name} (${occurrence.start} to ${occurrence.end}) freezes ${hit.entityRef} (${where})`;
    if (freeze.allow === 'change-advisory' && calendar.changeAdvisory) {
      const group = calendar.changeAdvisory.group;
      return {
        results: [
          pass(
            'change-freeze',
            `${frozen}: allowed with the approval of the change advisory board (${group})`,
          ),
        ],
        changeAdvisory: group,
      };
    }
    return {
      results: [
        fail(
          'change-freeze',
          `${frozen}; plan the change after ${occurrence.end}`,
        ),
      ],
    };
  }
  const n = facts.changeScope.entities.length;
  return {
    results: [
      pass(
        'change-freeze',
        `no freeze at ${
          facts.changeScope.at
        } covers the target or its blast radius (${n} ${
          n === 1 ? 'entity' : 'entities'
        }, ${calendar.blastRadiusDepth} hops)`,
      ),
    ],
  };
}

/**
 * Maintenance windows: a planned production change to a target a window
 * covers must apply inside one; an unplanned one is told when the next is.
 */
export function maintenanceWindow(
  policy: ChangePolicy,
  facts: ChangeRequestFacts,
): RuleResult[] {
  const windows = policy.spec.changeCalendar?.maintenanceWindows ?? [];
  const target = facts.changeScope?.entities.find(e => e.hop === 0);
  if (!target || !facts.production || facts.breakGlass) return [];
  const mine = windows.filter(w => inScope(w, target));
  if (!mine.length) return [];
  const at = new Date(facts.changeScope!.at);
  const inside = mine.find(w => maintenanceOccurrences(w, at, at).length);
  if (inside) {
    return [pass('maintenance-window', `applies inside ${inside.name}`)];
  }
  const week = new Date(at.getTime() + 8 * DAY_MS);
  const next = mine
    .flatMap(w => maintenanceOccurrences(w, at, week))
    .sort((a, b) => a.start.localeCompare(b.start))[0];
  const when = next ? `${next.freeze} at ${next.start}` : 'none this week';
  return [
    facts.changeScope!.planned
      ? fail(
          'maintenance-window',
          `${facts.changeScope!.at} is outside the maintenance windows of ${
            target.entityRef
          }; plan it in the next one: ${when}`,
        )
      : pass(
          'maintenance-window',
          `no planned time: applied on approval; the next maintenance window is ${when}`,
        ),
  ];
}
