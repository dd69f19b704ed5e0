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

/** Campaigns one portal runs (each answer reads every one). */
export const MAX_CAMPAIGNS = 100;

const ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** `scorecards.campaignMinutes`: minutes between computations, default 60, at least 1. */
export function readCampaignMinutes(config: Config): number {
  const minutes = config.getOptionalNumber('scorecards.campaignMinutes') ?? 60;
  if (!(minutes >= 1)) {
    throw new Error(
      `scorecards.campaignMinutes must be at least 1, got ${minutes}`,
    );
  }
  return minutes;
}

/**
 * `scorecards.campaigns`; a campaign that cannot be judged stops startup
 * with the key that is wrong.
 */
export function readCampaignsConfig(config: Config): CampaignConfig[] {
  const seen = new Set<string>();
  readCampaignMinutes(config);
  const all = config.getOptionalConfigArray('scorecards.campaigns') ?? [];
  if (all.length > MAX_CAMPAIGNS) {
    throw new Error(
      `scorecards.campaigns lists ${all.length} campaigns; at most ${MAX_CAMPAIGNS}`,
    );
  }
  return all.map((c, i) => {
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
    // A day that exists (2027-02-31 does not round-trip).
    if (
      !DAY.test(deadline) ||
      Number.isNaN(Date.parse(deadline)) ||
      new Date(deadline).toISOString().slice(0, 10) !== deadline
    ) {
      throw new Error(
        `${key}.deadline must be a day (YYYY-MM-DD), got "${deadline}"`,
      );
    }
    // Which entities: a kind and, optionally, what they are part of; a
    // key not known here would silently widen the campaign.
    const known = ['kind', ...FILTER_FIELDS.map(([field]) => field)];
    for (const k of c.getConfig('entities').keys()) {
      if (!known.includes(k)) {
        throw new Error(
          `${key}.entities.${k} is not known; use ${known.join(', ')}`,
        );
      }
    }
    const filter: CampaignConfig['filter'] = {
      kind: c.getString('entities.kind'),
    };
    for (const [field, catalogKey] of FILTER_FIELDS) {
      const value = c.getOptional(`entities.${field}`);
      if (value === undefined) continue;
      if (
        typeof value !== 'string' &&
        !(
          Array.isArray(value) &&
          value.length > 0 &&
          value.every(v => typeof v === 'string')
        )
      ) {
        throw new Error(
          `${key}.entities.${field} must be a string or a non-empty list of strings`,
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
  });
}
