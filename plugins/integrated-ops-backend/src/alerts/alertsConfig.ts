import { Config } from '@backstage/config';
import {
  Discipline,
  isDiscipline,
  tryNormalizeEntityRef,
} from '@integrated-ops/plugin-integrated-ops-common';

/** A rule: when every label listed has one of its values, the alert is this discipline's. */
export interface DisciplineRule {
  labels: Record<string, string[]>;
  discipline: Discipline;
}

export interface AlertsConfig {
  /** Labels tried in order to find the entity. */
  entityLabels: string[];
  disciplineRules: DisciplineRule[];
  defaultDiscipline: Discipline;
  /** Team that gets alerts matching no entity or no owner. */
  fallbackTeam?: string;
  /** Subjects of external-access tokens allowed to post alerts. */
  senders: string[];
  /** Path of the lookup page in the portal, for notification links. */
  lookupPath: string;
  /** The portal's address (`app.baseUrl`), for links sent to vendors. */
  portalUrl?: string;
  /** The webhook is answered this long after it arrived, deliveries going on after it. */
  answerWithinMs: number;
}

export const DEFAULT_ENTITY_LABELS = [
  'backstage_entity',
  'instance',
  'host',
  'hostname',
  'service',
  'pod',
];

export const DEFAULT_DISCIPLINE_RULES: DisciplineRule[] = [
  { labels: { category: ['network'] }, discipline: 'netops' },
  { labels: { category: ['security'] }, discipline: 'secops' },
];

/** `integratedOps.alerts`, with defaults; a bad value is a startup error naming the key. */
export function readAlertsConfig(config: Config): AlertsConfig {
  const c = config.getOptionalConfig('integratedOps.alerts');
  const discipline = (value: string, key: string): Discipline => {
    if (!isDiscipline(value)) {
      throw new Error(
        `integratedOps.alerts.${key} must be netops, devops or secops, got "${value}"`,
      );
    }
    return value;
  };
  const rules = c?.getOptionalConfigArray('disciplineRules')?.map((r, i) => {
    const labels: Record<string, string[]> = {};
    const match = r.getConfig('labels');
    for (const key of match.keys()) {
      const v = match.get(key);
      labels[key] = (Array.isArray(v) ? v : [v]).map(String);
    }
    return {
      labels,
      discipline: discipline(
        r.getString('discipline'),
        `disciplineRules[${i}].discipline`,
      ),
    };
  });
  const fallback = c?.getOptionalString('fallbackTeam');
  const fallbackTeam = fallback
    ? tryNormalizeEntityRef(fallback, { defaultKind: 'group' })
    : undefined;
  if (fallback && !fallbackTeam) {
    throw new Error(
      `integratedOps.alerts.fallbackTeam must be a group ref, got "${fallback}"`,
    );
  }
  const answerWithin = c?.getOptionalNumber('answerWithinSeconds') ?? 8;
  if (!(answerWithin > 0 && answerWithin <= 60)) {
    throw new Error(
      `integratedOps.alerts.answerWithinSeconds must be above 0 and at most 60, got ${answerWithin}`,
    );
  }
  return {
    entityLabels:
      c?.getOptionalStringArray('entityLabels') ?? DEFAULT_ENTITY_LABELS,
    disciplineRules: rules ?? DEFAULT_DISCIPLINE_RULES,
    defaultDiscipline: discipline(
      c?.getOptionalString('defaultDiscipline') ?? 'devops',
      'defaultDiscipline',
    ),
    fallbackTeam,
    senders: c?.getOptionalStringArray('senders') ?? ['alertmanager'],
    lookupPath: '/ops-lookup',
    portalUrl: config.getOptionalString('app.baseUrl'),
    answerWithinMs: answerWithin * 1000,
  };
}
