import {
  DISCIPLINE_TITLES,
  DISCIPLINES,
  DisciplineAnswer,
  LookupMatch,
  LookupResponse,
} from '@internal/plugin-integrated-ops-common';

function ownerLine(answer: DisciplineAnswer): string {
  const title = DISCIPLINE_TITLES[answer.discipline];
  if (!answer.team) {
    return `${title}: NO OWNER (${
      answer.ownerRef ? `${answer.ownerRef} not in catalog` : answer.source
    })`;
  }
  const onCall = answer.onCall
    .filter(s => s.person)
    .map(
      s => `${s.person!.name}${s.person!.email ? ` <${s.person!.email}>` : ''}`,
    );
  const reach = answer.team.contacts
    .filter(c => c.type !== 'runbook')
    .map(c => `${c.type} ${c.title ?? c.url}`);
  const escalation = answer.escalation
    .slice(1)
    .map(s => s.title)
    .join(' -> ');
  return [
    `${title}: ${answer.team.title}`,
    answer.source === 'inherited'
      ? ` (inherited from ${answer.declaredOn})`
      : '',
    answer.source === 'fallback' ? ' (fallback spec.owner)' : '',
    ` - on call: ${onCall.length ? onCall.join(', ') : 'nobody'}`,
    reach.length ? ` - ${reach.join(', ')}` : '',
    escalation ? ` - escalate: ${escalation}` : '',
  ].join('');
}

/**
 * A plain-text "who to page" summary for the incident channel: what was
 * looked up, the entity, each discipline's team and who is on call now with
 * how to reach them and where to escalate, and the runbooks.
 */
export function whoToPage(
  response: LookupResponse,
  match: LookupMatch,
): string {
  const { entity, owners, runbooks } = match.answer;
  const lines = [
    `Who to page for ${response.query.q} (${response.query.interpretedAs}), as of ${response.query.at}:`,
    `${entity.title} [${entity.ref}]${
      entity.system ? ` in ${entity.system}` : ''
    }`,
    ...DISCIPLINES.map(d => `- ${ownerLine(owners[d])}`),
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
  return lines.join('\n');
}
