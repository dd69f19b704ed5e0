import { LoggerService } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessor,
  CatalogProcessorCache,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  collectAncestors,
  describeOwnerSource,
  DISCIPLINES,
  isOwnedKind,
  OPS_OWNERS_FIELD,
  ownerSourceAnnotation,
  parseNetwork,
  parseOpsOwners,
  parseOpsTeam,
  RELATION_OPS_OWNED_BY,
  RELATION_OPS_OWNER_OF,
  resolveEffectiveOwners,
} from '@internal/plugin-integrated-ops-common';
import { checkDeclaredOwners } from './checkDeclaredOwners';
import { EntityLookup } from './CachedEntityLookup';

/** Set in the processor cache once an entity has been processed successfully. */
const SEEN_KEY = 'integrated-ops/seen';

/**
 * Turns `spec.opsOwners` (Components, Systems, Resources, APIs, Domains) and
 * `spec.opsTeam` (Groups) into validated, typed catalog relations:
 *
 * - malformed declarations are processing errors on the entity;
 * - declared owners must be groups in the catalog serving that discipline
 *   (checked from the entity's second pass on, so a first load never hides an
 *   entity because its team was ingested a moment later);
 * - owners not declared are inherited from the System, then the Domain chain;
 * - `<d>OwnedBy` / `<d>OwnerOf` relations are emitted in both directions on
 *   every pass, so removing a declaration removes its relations;
 * - `integrated-ops.io/<d>-owner-source` annotations say where each came from.
 */
export class OpsOwnershipProcessor implements CatalogProcessor {
  constructor(
    private readonly options: { lookup: EntityLookup; logger: LoggerService },
  ) {}

  getProcessorName(): string {
    return 'IntegratedOpsOwnershipProcessor';
  }

  async postProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
    cache: CatalogProcessorCache,
  ): Promise<Entity> {
    if (entity.kind.toLocaleLowerCase('en-US') === 'group') {
      const team = parseOpsTeam(entity);
      if (!team.ok) {
        team.errors.forEach(e =>
          emit(processingResult.inputError(location, e)),
        );
      }
      return entity;
    }
    if (!isOwnedKind(entity)) {
      return entity;
    }

    const declared = parseOpsOwners(entity);
    const network = parseNetwork(entity);
    if (!declared.ok || !network.ok) {
      [declared, network].forEach(
        parsed =>
          !parsed.ok &&
          parsed.errors.forEach(e =>
            emit(processingResult.inputError(location, e)),
          ),
      );
      return entity;
    }

    const { lookup } = this.options;
    const entityRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
    try {
      if ((await cache.get<boolean>(SEEN_KEY)) === true) {
        const problems = await checkDeclaredOwners(declared.value, lookup);
        if (problems.length) {
          problems.forEach(p =>
            emit(
              processingResult.inputError(location, `${OPS_OWNERS_FIELD}.${p}`),
            ),
          );
          return entity;
        }
      }
      await cache.set(SEEN_KEY, true);

      const owners = resolveEffectiveOwners(
        entity,
        await collectAncestors(entity, ref => lookup.get(ref)),
      );
      const annotations: Record<string, string> = {};
      for (const discipline of DISCIPLINES) {
        const owner = owners[discipline];
        annotations[ownerSourceAnnotation(discipline)] =
          describeOwnerSource(owner);
        if (
          (owner.source === 'declared' || owner.source === 'inherited') &&
          owner.owner
        ) {
          emit(
            this.#relation(
              entityRef,
              RELATION_OPS_OWNED_BY[discipline],
              owner.owner,
            ),
          );
          emit(
            this.#relation(
              owner.owner,
              RELATION_OPS_OWNER_OF[discipline],
              entityRef,
            ),
          );
        }
      }
      return {
        ...entity,
        metadata: {
          ...entity.metadata,
          annotations: { ...entity.metadata.annotations, ...annotations },
        },
      };
    } catch (error) {
      this.options.logger.warn(
        `Could not resolve ops owners of ${entityRef}: ${error}`,
      );
      emit(
        processingResult.generalError(
          location,
          `Could not resolve ops owners of ${entityRef} (catalog lookup failed: ${error}); keeping the previous state`,
        ),
      );
      return entity;
    }
  }

  #relation(source: string, type: string, target: string) {
    return processingResult.relation({
      source: parseEntityRef(source),
      type,
      target: parseEntityRef(target),
    });
  }
}
