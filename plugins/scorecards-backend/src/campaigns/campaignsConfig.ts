import { Config } from '@backstage/config';
import {
  Discipline,
  DISCIPLINES,
} from '@integrated-ops/plugin-integrated-ops-common';
import { LEVELS } from '../service/scorecard';

/** A campaign as configured: a level in one discipline, for a set of entities, by a day. */
export interface CampaignConfig {
  id: string;
  title: string;
  description: string;
  target: { discipline: Discipline; level: (typeof LEVELS)[number] };
  /** `YYYY-MM-DD` (UTC). */
  deadline: string;
  /** The catalog filter of `entities` (`kind`, `spec.system`, `spec.type`, ...). */
  filter: Record<string, string | string[]>;
}

/** `entities` fields of a campaign, and the catalog filter key each is. */
const FILTER_FIELDS = [
  ['system', 'spec.system'],
  ['type', 'spec.type'],
  ['lifecycle', 'spec.lifecycle'],
  ['tag', 'metadata.tags'],
] as const;

const ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * `scorecards.campaigns`; a campaign that cannot be judged stops startup
 * with the key that is wrong.
 */
export function readCampaignsConfig(config: Config): CampaignConfig[] {
  const seen = new Set<string>();
  return (config.getOptionalConfigArray('scorecards.campaigns') ?? []).map(
    (c, i) => {
      const key = `scorecards.campaigns[${i}]`;
      const id = c.getString('id');
      if (!ID.test(id) || seen.has(id)) {
        throw new Error(
          `${key}.id must be unique, lower-case letters, digits and dashes, got "${id}"`,
        );
      }
      seen.add(id);
      const discipline = c.getString('target.discipline');
      if (!DISCIPLINES.includes(discipline as Discipline)) {
        throw new Error(
          `${key}.target.discipline must be netops, devops or secops, got "${discipline}"`,
        );
      }
      const level = c.getString('target.level');
      if (!LEVELS.includes(level as CampaignConfig['target']['level'])) {
        throw new Error(
          `${key}.target.level must be bronze, silver or gold, got "${level}"`,
        );
      }
      const deadline = c.getString('deadline');
      if (!DAY.test(deadline) || Number.isNaN(Date.parse(deadline))) {
        throw new Error(
          `${key}.deadline must be a day (YYYY-MM-DD), got "${deadline}"`,
        );
      }
      // Which entities: a kind and, optionally, what they are part of.
      const filter: CampaignConfig['filter'] = {
        kind: c.getString('entities.kind'),
      };
      for (const [field, catalogKey] of FILTER_FIELDS) {
        const value = c.getOptional(`entities.${field}`);
        if (value === undefined) continue;
        if (
          typeof value !== 'string' &&
          !(Array.isArray(value) && value.every(v => typeof v === 'string'))
        ) {
          throw new Error(
            `${key}.entities.${field} must be a string or a list of strings`,
          );
        }
        filter[catalogKey] = value as string | string[];
      }
      return {
        id,
        title: c.getString('title'),
        description: c.getOptionalString('description') ?? '',
        target: {
          discipline: discipline as Discipline,
          level: level as CampaignConfig['target']['level'],
        },
        deadline,
        filter,
      };
    },
  );
}
