import {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import type { TechInsightsService } from '@backstage-community/plugin-tech-insights-node';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { RELATION_OPS_OWNED_BY } from '@integrated-ops/plugin-integrated-ops-common';
import { readableRefs } from '@integrated-ops/plugin-integrated-ops-node';
import type {
  Campaign,
  CampaignSummary,
  CampaignTeam,
  Level,
} from '@integrated-ops/plugin-scorecards-common';
import { disciplineScores, levelRank } from '../service/scorecard';
import { CampaignConfig } from './campaignsConfig';
import { CampaignEntityRow, CampaignStore, Readable } from './CampaignStore';

/** The most entities one campaign checks (its cost, fixed before it starts). */
export const MAX_CAMPAIGN_ENTITIES = 2000;
/** Entities checked per call to Tech Insights. */
const CHECK_BATCH = 100;
/** Days of standings kept (with today, the 400 a burn-down answers). */
export const KEEP_DAYS = 399;
/** Entities of a campaign's history checked for readability per answer. */
const MAX_HISTORY_REFS = MAX_CAMPAIGN_ENTITIES * 2;

/** Whether `level` is `target` or above it. */
export function reaches(level: Level, target: Level): boolean {
  return levelRank(level) >= levelRank(target);
}

/**
 * Campaigns from config: on a schedule each one's entities are read from
 * the catalog, their checks run, and the day's standing kept; answers count
 * only entities the caller may read.
 */
export class CampaignService {
  constructor(
    private readonly options: {
      campaigns: CampaignConfig[];
      store: CampaignStore;
      catalog: CatalogService;
      techInsights: TechInsightsService;
      auth: AuthService;
      logger: LoggerService;
    },
  ) {}

  /** Computes every campaign's standing now and keeps it as today's. */
  async computeAll(now: Date): Promise<void> {
    for (const campaign of this.options.campaigns) {
      try {
        await this.compute(campaign, now);
      } catch (error) {
        // The last standing stays; its time says how old it is.
        this.options.logger.warn(
          `Campaign ${campaign.id} not computed: ${error}`,
        );
      }
    }
    const oldest = new Date(now.getTime() - KEEP_DAYS * 86_400_000);
    await this.options.store.prune(oldest.toISOString().slice(0, 10));
  }

  async compute(campaign: CampaignConfig, now: Date): Promise<void> {
    const { catalog, techInsights, auth, store } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    const { items, totalItems } = await catalog.queryEntities(
      {
        filter: campaign.filter,
        limit: MAX_CAMPAIGN_ENTITIES,
        fields: ['kind', 'metadata', 'relations'],
      },
      { credentials },
    );
    const rows: CampaignEntityRow[] = [];
    for (let i = 0; i < items.length; i += CHECK_BATCH) {
      const batch = items.slice(i, i + CHECK_BATCH);
      const results = await techInsights.runBulkChecks(
        batch.map(e => getCompoundEntityRef(e)),
      );
      const byRef = new Map(
        results.map(r => [r.entity.toLocaleLowerCase('en-US'), r.results]),
      );
      for (const entity of batch) {
        const ref = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
        const score = disciplineScores(byRef.get(ref) ?? []).find(
          d => d.discipline === campaign.target.discipline,
        );
        const level = score?.level ?? 'none';
        rows.push({
          entityRef: ref,
          title: entity.metadata.title ?? entity.metadata.name,
          team: owningTeam(entity, campaign),
          level,
          atTarget: reaches(level, campaign.target.level),
        });
      }
    }
    const truncated = totalItems > items.length;
    if (truncated) {
      this.options.logger.warn(
        `Campaign ${campaign.id}: ${totalItems} entities match, the first ${items.length} are counted`,
      );
    }
    await store.recordDay(campaign.id, now.toISOString().slice(0, 10), rows, {
      checkedAt: now.toISOString(),
      truncated,
    });
  }

  /** Every campaign, soonest deadline first, counted over what the caller may read. */
  async list(credentials: BackstageCredentials): Promise<CampaignSummary[]> {
    const sorted = [...this.options.campaigns].sort((a, b) =>
      a.deadline.localeCompare(b.deadline),
    );
    return Promise.all(
      sorted.map(async c => {
        const { summary } = await this.#standing(c, credentials);
        return summary;
      }),
    );
  }

  async get(id: string, credentials: BackstageCredentials): Promise<Campaign> {
    const campaign = this.options.campaigns.find(c => c.id === id);
    if (!campaign) throw new NotFoundError(`No campaign ${id}`);
    const { summary, readable, entities } = await this.#standing(
      campaign,
      credentials,
    );
    return {
      campaign: summary,
      days: await this.options.store.days(id, readable),
      teams: teamsBehind(entities),
      entities: entities.sort(
        (a, b) =>
          Number(a.atTarget) - Number(b.atTarget) ||
          a.entityRef.localeCompare(b.entityRef),
      ),
    };
  }

  async #standing(campaign: CampaignConfig, credentials: BackstageCredentials) {
    const { store, catalog } = this.options;
    const run = await store.run(campaign.id);
    // The day of the last run: a run that found nothing shows nothing.
    const day = run?.checkedAt.slice(0, 10);
    const [current, history] = await Promise.all([
      day ? store.refsOf(campaign.id, day) : [],
      store.refs(campaign.id, MAX_HISTORY_REFS),
    ]);
    const refs = [...new Set([...current, ...history])];
    const may = await readableRefs(catalog, refs, credentials);
    // All readable only when the history was read whole: otherwise only
    // what was checked counts (an older entity beyond the bound is left out
    // of the burn-down rather than shown unchecked).
    const all = history.length < MAX_HISTORY_REFS && may.size === refs.length;
    const readable: Readable = all ? { all: true } : { only: [...may] };
    const entities = day
      ? await store.standings(campaign.id, day, readable)
      : [];
    const summary: CampaignSummary = {
      id: campaign.id,
      title: campaign.title,
      description: campaign.description,
      target: campaign.target,
      deadline: campaign.deadline,
      asOf: run?.checkedAt ?? null,
      total: entities.length,
      atTarget: entities.filter(e => e.atTarget).length,
      ...(run?.truncated ? { truncated: true } : {}),
    };
    return {
      summary,
      readable,
      entities: entities.map(e => ({ ...e, level: e.level as Level })),
    };
  }
}

/** The campaign discipline's owning team (declared or inherited), lower-case. */
function owningTeam(entity: Entity, campaign: CampaignConfig): string | null {
  const type = RELATION_OPS_OWNED_BY[campaign.target.discipline];
  const relation = entity.relations?.find(r => r.type === type);
  return relation?.targetRef.toLocaleLowerCase('en-US') ?? null;
}

/** Per owning team: entities and how many are below the target, most behind first. */
export function teamsBehind(
  entities: { team: string | null; atTarget: boolean }[],
): CampaignTeam[] {
  const teams = new Map<string | null, CampaignTeam>();
  for (const e of entities) {
    const t = teams.get(e.team) ?? { team: e.team, total: 0, below: 0 };
    t.total++;
    if (!e.atTarget) t.below++;
    teams.set(e.team, t);
  }
  return [...teams.values()].sort(
    (a, b) =>
      b.below - a.below ||
      b.total - a.total ||
      (a.team ?? '~').localeCompare(b.team ?? '~'),
  );
}
