import { formatShiftTime, formatTimeLeft } from './formatTime';
import { OnCallNow, ProviderEscalation } from './lookupTypes';

const PROVIDER_TITLES: Record<string, string> = {
  pagerduty: 'PagerDuty',
  opsgenie: 'Opsgenie',
};

/**
 * "PagerDuty" for `pagerduty`; other provider ids as they are.
 *
 * @public
 */
export function providerTitle(id: string): string {
  return PROVIDER_TITLES[id] ?? id;
}

/**
 * The line under who is on call: until when (in the viewer's zone, and how
 * long from `now`), who is next, where the answer came from and how old it is, and a vendor that
 * could not be asked. For the page and the copied text alike.
 *
 * @public
 */
export function describeShift(
  shift: OnCallNow,
  now: Date = new Date(),
): string {
  const parts: string[] = [];
  if (shift.until) {
    const left = formatTimeLeft(shift.until, now);
    parts.push(
      `until ${formatShiftTime(shift.until, shift.timeZone)}${
        left ? ` (for another ${left})` : ''
      }`,
    );
  }
  if (shift.next) parts.push(`then ${shift.next.name}`);
  if (shift.source !== 'yaml') {
    const age =
      shift.ageSeconds === undefined ? '' : `, ${shift.ageSeconds} s old`;
    parts.push(`from ${providerTitle(shift.source)}${age}`);
  }
  if (shift.unavailable) {
    const fallback =
      shift.source === 'yaml'
        ? 'answered from the YAML rotation'
        : 'nobody known';
    parts.push(
      `${providerTitle(
        shift.unavailable.provider,
      )} unavailable since ${formatShiftTime(
        shift.unavailable.since,
        shift.timeZone,
      )} (${shift.unavailable.message}): ${fallback}`,
    );
  }
  return parts.join(', ');
}

/**
 * A vendor escalation policy in one line: "PagerDuty policy SOC: level 1
 * (after 5 min) Amara Obi; level 2 Li Wei", or why it is not known.
 *
 * @public
 */
export function describeProviderEscalation(policy: ProviderEscalation): string {
  const head = `${providerTitle(policy.provider)} policy ${policy.name}`;
  if (policy.unavailable) {
    return `${head}: unavailable (${policy.unavailable.message})`;
  }
  const levels = policy.levels.map(
    l =>
      `level ${l.level}${
        l.delayMinutes !== undefined ? ` (then ${l.delayMinutes} min)` : ''
      } ${l.onCall.map(p => p.name).join(', ') || 'nobody on call'}`,
  );
  return `${head}: ${levels.join('; ')}`;
}
