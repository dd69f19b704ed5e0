import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  lowerRef,
  tryNormalizeEntityRef,
} from '@integrated-ops/plugin-integrated-ops-common';
import { GovernanceKpis } from '@integrated-ops/plugin-ops-requests-common';
import { OwnershipRecertifications } from '../recertification/OwnershipRecertifications';
import { governanceKpis } from './governanceKpis';
import { KpiStore } from './KpiStore';
import { LookupOutcomesSource } from './lookupOutcomesSource';

/**
 * Gathers what the KPIs are computed from - stored requests, audit trails,
 * refusals, re-certifications, the lookups the integrated-ops plugin counted
 * - and which System each entity concerned belongs to (from the catalog).
 */
export class GovernanceKpiService {
  constructor(
    private readonly options: {
      store: KpiStore;
      catalog: CatalogService;
      auth: AuthService;
      recertifications?: OwnershipRecertifications;
      lookups?: LookupOutcomesSource;
      now?: () => Date;
    },
  ) {}

  async kpis(
    scope: { team?: string; system?: string },
    period: { from: string; to: string },
    credentials: BackstageCredentials,
  ): Promise<GovernanceKpis> {
    const { store } = this.options;
    const now = (this.options.now ?? (() => new Date()))().toISOString();
    const [requests, refusals, recert, lookups] = await Promise.all([
      store.filedOrPending(period.from, period.to),
      store.refusals(period.from, period.to),
      this.options.recertifications?.report() ?? { items: [] },
      this.#lookups(credentials, period),
    ]);
    const audit = await store.audit(requests.map(r => r.id));
    const systemOf = await this.#systems([
      ...requests.flatMap(r => r.targets),
      ...refusals.flatMap(r => r.targets),
      ...recert.items.map(i => i.declaredOn),
    ]);
    return governanceKpis(
      {
        requests,
        audit,
        refusals,
        recertifications: recert.items,
        lookups,
      },
      { ...scope, systemOf: ref => systemOf.get(ref) },
      { ...period, now },
    );
  }

  async #lookups(
    credentials: BackstageCredentials,
    period: { from: string; to: string },
  ) {
    if (!this.options.lookups) {
      return { noMatch: 0, noOwner: 0, unavailable: 'not counted here' };
    }
    try {
      return await this.options.lookups(
        credentials,
        period.from.slice(0, 10),
        period.to.slice(0, 10),
      );
    } catch (error) {
      return {
        noMatch: 0,
        noOwner: 0,
        unavailable: `could not be read from the lookup: ${error}`,
      };
    }
  }

  /** Entity ref -> its System's ref (a System's is itself). */
  async #systems(refs: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(refs)];
    const systems = new Map<string, string>();
    if (!unique.length) return systems;
    const { items } = await this.options.catalog.getEntitiesByRefs(
      { entityRefs: unique, fields: ['kind', 'metadata', 'spec.system'] },
      { credentials: await this.options.auth.getOwnServiceCredentials() },
    );
    items.forEach((entity, i) => {
      if (!entity) return;
      if (entity.kind.toLocaleLowerCase('en-US') === 'system') {
        systems.set(unique[i], lowerRef(stringifyEntityRef(entity)));
        return;
      }
      const system = tryNormalizeEntityRef(entity.spec?.system, {
        defaultKind: 'system',
        defaultNamespace: entity.metadata.namespace,
      });
      if (system) systems.set(unique[i], system);
    });
    return systems;
  }
}
