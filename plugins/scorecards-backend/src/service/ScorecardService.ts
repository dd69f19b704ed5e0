import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import type { TechInsightsService } from '@backstage-community/plugin-tech-insights-node';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { Scorecard } from '@integrated-ops/plugin-scorecards-common';
import { disciplineScores } from './scorecard';

/**
 * Scorecards from Tech Insights, for entities the caller may read: the
 * entity is looked up in the catalog with the caller's credentials first
 * (unreadable is not found), then its checks are run by this plugin.
 */
export class ScorecardService {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      techInsights: TechInsightsService;
      logger: LoggerService;
    },
  ) {}

  async entity(
    ref: string,
    credentials: BackstageCredentials,
  ): Promise<Scorecard> {
    const entity = await this.options.catalog.getEntityByRef(ref, {
      credentials,
    });
    if (!entity) throw new NotFoundError(`No entity ${ref} in the catalog`);
    const entityRef = stringifyEntityRef(entity);
    const compound = parseEntityRef(entityRef);
    const { techInsights } = this.options;
    let results;
    try {
      results = await techInsights.runChecks(compound);
    } catch (error) {
      this.options.logger.warn(`Checks of ${entityRef} failed: ${error}`);
      throw new ServiceUnavailableError(
        `The checks of ${entityRef} cannot be run yet: ${
          (error as Error).message
        }`,
      );
    }
    // A check's factIds are the fact retrievers it reads.
    const retrievers = [...new Set(results.flatMap(r => r.check.factIds))];
    return {
      entityRef,
      disciplines: disciplineScores(results),
      factsAt: await this.#oldestFacts(compound, retrievers),
    };
  }

  /** When the oldest facts the checks read were retrieved; null when none are. */
  async #oldestFacts(
    entity: ReturnType<typeof parseEntityRef>,
    retrievers: string[],
  ): Promise<string | null> {
    if (!retrievers.length) return null;
    const facts = await this.options.techInsights.getFacts(entity, retrievers);
    // Tech Insights' own timestamp is not kept on every database (null on
    // SQLite): the portal's retrievers record `retrievedAt` among the facts.
    const times = Object.values(facts)
      .map(f => f?.facts?.retrievedAt ?? f?.timestamp)
      .filter((t): t is string => typeof t === 'string')
      .sort();
    return times[0] ?? null;
  }
}
