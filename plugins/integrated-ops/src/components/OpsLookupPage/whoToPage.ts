import {
  DISCIPLINE_TITLES,
  DisciplineAnswer,
  DISCIPLINES,
  EscalationStep,
  formatInstant,
  describeShift,
  LookupResponse,
  Person,
} from '@integrated-ops/plugin-integrated-ops-common';
import { contactText, personText, reachable } from '../shared/contactText';
import { AnsweredMatch } from './answeredMatch';

/**
 * Whom to call for one discipline: the first person on call; when nobody of
 * the owning team is, the person on call (else the lead) of the team the
 * backend names instead, and that team.
 */
export function whomToCall(answer: DisciplineAnswer): {
  person?: Person;
  instead?: EscalationStep;
} {
  const onCall = answer.onCall.find(s => s.person)?.person;
  if (onCall) return { person: onCall };
  const instead = answer.noOwner?.escalateTo;
  return {
    person: instead?.onCall.find(s => s.person)?.person ?? instead?.lead,
    instead,
  };
}

/** The summary line's words for one discipline. */
export function whoToCall(answer: DisciplineAnswer): string {
  const { person, instead } = whomToCall(answer);
  if (!instead && !answer.noOwner) return person?.name ?? '';
  if (!instead) {
    return person ? `${person.name} (no ops owner)` : 'NOBODY to page';
  }
  return `NOBODY - call ${person ? `${person.name}, ` : ''}${instead.title}`;
}

/** "NetOps: Omar Haddad · DevOps: Hannah Cohen · SecOps: Noah Kim". */
export function onCallSummary(match: AnsweredMatch): string {
  return DISCIPLINES.map(
    d => `${DISCIPLINE_TITLES[d]}: ${whoToCall(match.answer.owners[d])}`,
  ).join(' · ');
}

function stepText(step: EscalationStep): string {
  const onCall = step.onCall.find(s => s.person)?.person;
  return [
    step.title,
    onCall ? `on call ${personText(onCall)}` : '',
    step.lead ? `lead ${personText(step.lead)}` : '',
    ...reachable(step.contacts).map(contactText),
  ]
    .filter(Boolean)
    .join(', ');
}

function disciplineLines(answer: DisciplineAnswer): string[] {
  const title = DISCIPLINE_TITLES[answer.discipline];
  const lines: string[] = [];
  if (answer.noOwner) {
    lines.push(`${title}: !! ${answer.noOwner.message}`);
    if (answer.noOwner.escalateTo) {
      lines.push(`  CALL INSTEAD: ${stepText(answer.noOwner.escalateTo)}`);
    }
  }
  if (!answer.team) return lines;
  const from =
    answer.source === 'inherited'
      ? ` (inherited from ${answer.declaredOn})`
      : '';
  lines.push(
    `${answer.noOwner ? '  owner' : title}: ${answer.team.title}${from}`,
  );
  for (const shift of answer.onCall) {
    lines.push(
      `  on call (${shift.rotation}): ${
        shift.person ? personText(shift.person) : 'NOBODY (gap in rotation)'
      } ${describeShift(shift)}`,
    );
  }
  const reach = reachable(answer.team.contacts).map(contactText);
  if (reach.length) lines.push(`  team: ${reach.join(', ')}`);
  const escalation = answer.escalation.slice(1).map(stepText);
  if (escalation.length) lines.push(`  escalate: ${escalation.join(' -> ')}`);
  return lines;
}

/**
 * The "who to page" text for the incident channel: what was looked up and
 * when, the entity, per discipline the team, who is on call with their numbers
 * until when (in the rotation's zone), the team's pager and chat, escalation,
 * a loud line where nobody can be paged, the runbooks and a link back.
 */
export function whoToPage(
  response: LookupResponse,
  match: AnsweredMatch,
  answerUrl: string,
): string {
  const { entity, owners, runbooks } = match.answer;
  const lines = [
    `Who to page for ${response.query.q} (${
      response.query.interpretedAs
    }), ${formatInstant(response.query.at)}:`,
    `${entity.title} [${entity.ref}]${
      entity.system ? ` in ${entity.system}` : ''
    }`,
    onCallSummary(match),
    ...DISCIPLINES.flatMap(d => disciplineLines(owners[d])),
  ];
  if (runbooks.length) {
    lines.push(`Runbooks: ${runbooks.map(r => r.url).join(' , ')}`);
  }
  if (response.index.stale) {
    lines.push(
      `WARNING: ownership index is stale (${
        response.index.lastError ?? 'catalog unreachable'
      })`,
    );
  }
  lines.push(`Answer: ${answerUrl}`);
  return lines.join('\n');
}
