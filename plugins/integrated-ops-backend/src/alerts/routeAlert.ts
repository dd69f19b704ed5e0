import {
  AlertRoutingResult,
  Discipline,
  DISCIPLINE_TITLES,
  OwnershipAnswer,
} from '@integrated-ops/plugin-integrated-ops-common';
import { classifyQuery } from '../index/classifyQuery';
import { readsEverything } from '../index/canRead';
import { findMatches } from '../index/findMatches';
import { OwnershipIndex } from '../index/OwnershipIndex';
import {
  AnswerOptions,
  buildOwnershipAnswer,
} from '../answer/buildOwnershipAnswer';
import { IncomingAlert } from './alertPayload';
import { AlertsConfig } from './alertsConfig';

/** A routing decision, before delivery: who to notify and what to say. */
export interface AlertRoute {
  result: AlertRoutingResult;
  answer?: OwnershipAnswer;
  /** Entity refs to notify: the on-call people, then the team. */
  recipients: string[];
  /** Why no owner was found (outcome fallback or unroutable). */
  noOwnerReason?: string;
}

/** `fraud-scoring-7d9f8c6b5-x2x4z` -> `fraud-scoring`: a pod's Deployment. */
function podWorkload(pod: string): string {
  return pod
    .replace(/-[a-z0-9]{6,10}-[a-z0-9]{5}$/, '')
    .replace(/-[a-z0-9]{5}$/, '');
}

function chooseDiscipline(
  labels: Record<string, string>,
  config: AlertsConfig,
): { discipline: Discipline; why: string } {
  for (const rule of config.disciplineRules) {
    const hit = Object.entries(rule.labels).every(([k, values]) =>
      values.includes(labels[k]),
    );
    if (hit) {
      const said = Object.keys(rule.labels)
        .map(k => `${k}=${labels[k]}`)
        .join(', ');
      return {
        discipline: rule.discipline,
        why: `${said} makes it ${DISCIPLINE_TITLES[rule.discipline]}'s`,
      };
    }
  }
  return {
    discipline: config.defaultDiscipline,
    why: `no discipline rule matched: ${
      DISCIPLINE_TITLES[config.defaultDiscipline]
    } by default`,
  };
}

function findEntity(
  index: OwnershipIndex,
  alert: IncomingAlert,
  config: AlertsConfig,
) {
  for (const label of config.entityLabels) {
    const raw = alert.labels[label];
    if (!raw) continue;
    const value = label === 'pod' ? podWorkload(raw) : raw;
    const [best] = findMatches(index, classifyQuery(value), readsEverything);
    if (best) return { label, value: raw, best };
  }
  return undefined;
}

/**
 * Where an alert goes: the entity its labels name (the first of the
 * configured labels that finds one), the discipline its labels say, that
 * discipline's owning team and who of it is on call now. No entity, no owner
 * or nobody to page: the configured fallback team.
 */
export function routeAlert(
  index: OwnershipIndex,
  alert: IncomingAlert,
  config: AlertsConfig,
  at: Date,
  options: AnswerOptions,
): AlertRoute {
  const { discipline, why: disciplineWhy } = chooseDiscipline(
    alert.labels,
    config,
  );
  const result: AlertRoutingResult = {
    position: alert.position,
    fingerprint: alert.fingerprint,
    status: alert.status,
    outcome: 'unroutable',
    discipline,
    onCall: [],
    notified: [],
    forwarded: [],
    why: [],
  };
  const fallback = (reason: string): AlertRoute => {
    result.why.push(reason);
    if (!config.fallbackTeam) {
      result.why.push(
        'no fallback team is configured (integratedOps.alerts.fallbackTeam)',
      );
      return { result, recipients: [], noOwnerReason: reason };
    }
    result.outcome = 'fallback';
    result.team = config.fallbackTeam;
    result.why.push(`sent to the fallback team ${config.fallbackTeam}`);
    return {
      result,
      recipients: [config.fallbackTeam],
      noOwnerReason: reason,
    };
  };

  if (alert.invalid)
    return fallback(`the alert cannot be read: ${alert.invalid}`);
  const found = findEntity(index, alert, config);
  if (!found) {
    const tried = config.entityLabels.filter(l => alert.labels[l]);
    return fallback(
      tried.length
        ? `no entity matches ${tried
            .map(l => `${l}=${alert.labels[l]}`)
            .join(', ')}`
        : `the alert carries none of the labels ${config.entityLabels.join(
            ', ',
          )}`,
    );
  }
  result.entity = found.best.entityRef;
  result.matchedLabel = {
    label: found.label,
    value: found.value,
    reason: found.best.matchedBy,
  };
  result.why.push(
    `${found.label}=${found.value} is ${found.best.entityRef} (by ${found.best.matchedBy})`,
    disciplineWhy,
  );

  const answer = buildOwnershipAnswer(index, found.best.entityRef, at, options);
  const owner = answer.owners[discipline];
  if (!owner.team) {
    return {
      ...fallback(
        `${found.best.entityRef} has no ${DISCIPLINE_TITLES[discipline]} owner in the catalog`,
      ),
      answer,
    };
  }
  result.outcome = 'routed';
  result.team = owner.team.ref;
  result.why.push(
    `${DISCIPLINE_TITLES[discipline]} owner: ${owner.team.ref} (${owner.source})`,
  );
  const people = owner.onCall.flatMap(s =>
    s.person?.ref.startsWith('user:') ? [s.person.ref] : [],
  );
  // Nobody of the team on call: whoever its escalation names.
  const instead = owner.noOwner?.escalateTo;
  const insteadPeople = instead
    ? instead.onCall.flatMap(s =>
        s.person?.ref.startsWith('user:') ? [s.person.ref] : [],
      )
    : [];
  result.onCall = [...new Set(people)];
  if (!people.length) {
    result.why.push(
      instead
        ? `nobody of ${owner.team.ref} is on call: also ${instead.team}${
            insteadPeople.length ? ` (${insteadPeople.join(', ')})` : ''
          }`
        : `nobody of ${owner.team.ref} is on call now`,
    );
  } else {
    result.why.push(`on call now: ${result.onCall.join(', ')}`);
  }
  const recipients = [
    ...new Set([
      ...people,
      owner.team.ref,
      ...insteadPeople,
      ...(instead && !people.length ? [instead.team] : []),
    ]),
  ];
  return { result, answer, recipients };
}
