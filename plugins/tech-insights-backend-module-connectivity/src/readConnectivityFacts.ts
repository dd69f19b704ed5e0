import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import type { TechInsightFact } from '@backstage-community/plugin-tech-insights-node';
import {
  invariantsOnMain,
  loadChangePolicy,
  MainConnectivity,
} from '@integrated-ops/plugin-ops-requests-node';
import { connectivityFacts } from './connectivityFacts';

/**
 * Reads main and the change policy and returns every component's
 * connectivity facts. Throws rather than return facts that would read as
 * clean: a main that cannot be read, more invariant destinations than one
 * look judges (Tech Insights then keeps the last facts).
 */
export async function readConnectivityFacts(deps: {
  main: MainConnectivity;
  catalog: CatalogService;
  credentials: BackstageCredentials;
  policyFile: string;
  logger?: LoggerService;
  now?: () => Date;
}): Promise<TechInsightFact[]> {
  const { catalog, credentials, logger } = deps;
  const network = await deps.main.read(credentials);
  if (!network) {
    throw new Error(
      "The infrastructure repository's main cannot be read: the last connectivity facts are kept",
    );
  }
  const policy = await loadChangePolicy(deps.policyFile);
  const judged = await invariantsOnMain({
    network,
    invariants: policy.spec.connectivity?.invariants ?? [],
    catalog,
    credentials,
    logger,
  });
  if (judged.truncated) {
    throw new Error(
      'More invariant destinations than one look judges: no facts written rather than zeros for the rest',
    );
  }
  return connectivityFacts(
    network.catalog.filter(
      e => e.kind.toLocaleLowerCase('en-US') === 'component',
    ),
    network.estate,
    judged,
    { now: deps.now?.() ?? new Date(), commit: network.main.commit },
  );
}
