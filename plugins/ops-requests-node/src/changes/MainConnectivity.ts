import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  Estate,
  KUBERNETES_FOLDER,
} from '@integrated-ops/plugin-connectivity-node';
import { ChangePublisher } from '../git/ChangePublisher';

/**
 * The network as main says it is, for the change planner: main's manifests,
 * the catalog's entities that run workloads, and the model of both.
 *
 * @public
 */
export interface MainNetwork {
  /** main's manifests under `kubernetes/`, with its commit. */
  main: { commit?: string; files: Record<string, string> };
  /** The Components and Resources the caller may read. */
  catalog: Entity[];
  /** The connectivity model of main over them. */
  estate: Estate;
}

/**
 * Reads main's NetworkPolicies through the change publisher and the catalog
 * with the requester's credentials (an effect never names an entity the
 * requester may not read). Undefined where main cannot be listed (the
 * remote providers, for now) or read: filing goes on without an effect.
 *
 * @public
 */
export class MainConnectivity {
  constructor(
    private readonly options: {
      publisher: ChangePublisher;
      catalog: CatalogService;
      logger?: { warn(message: string): void };
    },
  ) {}

  /** main's network now, or undefined when it cannot be read here. */
  async read(
    credentials: BackstageCredentials,
  ): Promise<MainNetwork | undefined> {
    const { publisher, catalog, logger } = this.options;
    let main: Awaited<ReturnType<ChangePublisher['filesOnMain']>>;
    try {
      main = await publisher.filesOnMain(KUBERNETES_FOLDER);
    } catch (error) {
      logger?.warn(
        `main of ${publisher.target} cannot be read for a change's connectivity: ${error}`,
      );
      return undefined;
    }
    if (!main) return undefined;
    const { items } = await catalog.getEntities(
      {
        filter: [{ kind: 'Component' }, { kind: 'Resource' }],
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.annotations',
          'spec.system',
        ],
      },
      { credentials },
    );
    return {
      main,
      catalog: items,
      estate: Estate.build(main.files, items, {
        builtAt: new Date().toISOString(),
        commit: main.commit,
      }),
    };
  }
}
