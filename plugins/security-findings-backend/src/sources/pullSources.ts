import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { FindingsSource } from '@integrated-ops/plugin-security-findings-node';
import { FindingService } from '../service/FindingService';

/** Components looked at per pull, in pages. */
const MAX_COMPONENTS = 20_000;
const PAGE = 500;

/**
 * One pull of every source over the catalog's components: each component a
 * source covers is pulled (a minute at most each), and each tool's report
 * applied as that tool's full report. A component or tool that fails is
 * logged and left as it was; the others go on.
 */
export async function pullSources(deps: {
  sources: FindingsSource[];
  catalog: CatalogService;
  auth: AuthService;
  service: FindingService;
  logger: LoggerService;
}): Promise<{ components: number; reports: number; failed: number }> {
  const { sources, catalog, auth, service, logger } = deps;
  const credentials = await auth.getOwnServiceCredentials();
  let cursor: string | undefined;
  let seen = 0;
  let reports = 0;
  let failed = 0;
  let components = 0;
  do {
    const page = await catalog.queryEntities(
      cursor
        ? { cursor, limit: PAGE }
        : { filter: { kind: 'component' }, limit: PAGE },
      { credentials },
    );
    for (const entity of page.items) {
      seen++;
      for (const source of sources) {
        if (!source.covers(entity)) continue;
        components++;
        try {
          const pulled = await source.pull(entity, {
            signal: AbortSignal.timeout(60_000),
          });
          for (const report of pulled) {
            await service.applyPulled({
              entity,
              tool: report.tool,
              findings: report.findings,
              reportedBy: `source:${source.id}`,
            });
            reports++;
          }
        } catch (error) {
          failed++;
          logger.warn(
            `Findings of ${entity.metadata.name} not pulled from ${source.id}: ${error}`,
          );
        }
      }
    }
    cursor = page.pageInfo.nextCursor;
  } while (cursor && seen < MAX_COMPONENTS);
  return { components, reports, failed };
}
