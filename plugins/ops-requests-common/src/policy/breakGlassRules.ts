import { ChangeRequestFacts, RuleResult } from './changeRequest';
import { ChangePolicy } from './policyDocument';
import { fail, pass } from './ruleResult';

/**
 * Break-glass: where the policy allows it (destination zone, never from
 * outside the catalog), for how long, how many per person, and only for
 * someone on call for an owning team now.
 */
export function breakGlass(
  policy: ChangePolicy,
  facts: ChangeRequestFacts,
): RuleResult[] {
  const asked = facts.breakGlass;
  if (!asked) return [];
  const rules = policy.spec.breakGlass;
  if (!rules) {
    return [
      fail(
        'break-glass',
        `policy ${policy.metadata.name} allows no break-glass access; file a normal request`,
      ),
    ];
  }
  const zone = facts.destination?.zone ?? 'default';
  return [
    rules.zones.includes(zone)
      ? pass('break-glass.zone', `break-glass is allowed into zone ${zone}`)
      : fail(
          'break-glass.zone',
          `break-glass is not allowed into zone ${zone} (only ${rules.zones.join(
            ', ',
          )})`,
        ),
    facts.source?.external
      ? fail(
          'break-glass.exposure',
          `break-glass never opens access from outside the catalog (${facts.source.entityRef})`,
        )
      : pass('break-glass.exposure', 'the source is in the catalog'),
    asked.durationMinutes <= rules.maxDurationMinutes
      ? pass(
          'break-glass.duration',
          `${asked.durationMinutes} min, at most ${rules.maxDurationMinutes}`,
        )
      : fail(
          'break-glass.duration',
          `${asked.durationMinutes} min is longer than the ${rules.maxDurationMinutes} min break-glass allows`,
        ),
    asked.openByRequester < rules.maxOpenPerPerson
      ? pass(
          'break-glass.open-per-person',
          `${asked.openByRequester} open now, at most ${rules.maxOpenPerPerson}`,
        )
      : fail(
          'break-glass.open-per-person',
          `you hold ${asked.openByRequester} open break-glass ${
            asked.openByRequester === 1 ? 'grant' : 'grants'
          }; at most ${rules.maxOpenPerPerson} at once`,
        ),
    asked.onCallFor
      ? pass('break-glass.on-call', `on call now for ${asked.onCallFor}`)
      : fail(
          'break-glass.on-call',
          `not on call now for any team that owns ${facts.destination?.entityRef}: only its on-call may use break-glass`,
        ),
  ];
}
