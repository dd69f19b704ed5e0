import { createHash } from 'node:crypto';
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
} from '@integrated-ops/plugin-integrated-ops-common';
import { checkDeclaredOwners } from './checkDeclaredOwners';
import { EntityLookup } from './CachedEntityLookup';

/** Set in the processor cache once an entity has been processed successfully. */
const SEEN_KEY = 'integrated-ops/seen';
/** The fingerprint of the entity's ownership facts after the last pass. */
const FACTS_KEY = 'integrated-ops/facts';

/** What a pass made of an entity: the entity and its typed relations. */
function factsFingerprint(entity: Entity, relations: unknown[]): string {
  return createHash('sha1')
    .update(JSON.stringify({ entity, relations }))
    .digest('base64');
}

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
 *
 * @public
 */
export class OpsOwnershipProcessor implements CatalogProcessor {
  constructor(
    private readonly options: {
      lookup: EntityLookup;
      logger: LoggerService;
      /**
       * Told of each entity whose ownership facts (the processed entity and
       * its typed relations) differ from its last successful pass, or that
       * has none yet: a new entity.
       */
      changes?: { changed(entityRef: string): void };
    },
  ) {}

  /** The name the catalog logs and reports this processor under. */
  getProcessorName(): string {
    return 'IntegratedOpsOwnershipProcessor';
  }

  /**
   * Validates the entity's ownership declarations, emits its typed relations
   * (or processing errors) and returns it with owner-source annotations; tells
   * `changes` when its ownership facts differ from the last successful pass.
   */
  async postProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
    cache: CatalogProcessorCache,
  ): Promise<Entity> {
    const wasSeen = (await cache.get<boolean>(SEEN_KEY)) === true;
    const relations: unknown[] = [];
    let failed = false;
    const result = await this.#process(
      entity,
      location,
      output => {
        if (output.type === 'relation') relations.push(output.relation);
        if (output.type === 'error') failed = true;
        emit(output);
      },
      wasSeen,
    );
    // The catalog keeps only the keys set in a pass (and nothing from a
    // failed one), so each successful pass sets all of them.
    if (wasSeen || result.checked) await cache.set(SEEN_KEY, true);
    if (!failed) {
      const facts = factsFingerprint(result.entity, relations);
      const previous = await cache.get<string>(FACTS_KEY);
      await cache.set(FACTS_KEY, facts);
      if (previous !== facts) {
        this.options.changes?.changed(
          stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
        );
      }
    }
    return result.entity;
  }

  /**
   * One pass over the entity; `checked` says the declared owners were
   * checked (or did not need to be) and resolved.
   */
  async #process(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
    seen: boolean,
  ): Promise<{ entity: Entity; checked: boolean }> {
    if (entity.kind.toLocaleLowerCase('en-US') === 'group') {
      const team = parseOpsTeam(entity);
      if (!team.ok) {
        team.errors.forEach(e =>
          emit(processingResult.inputError(location, e)),
        );
      }
      return { entity, checked: false };
    }
    if (!isOwnedKind(entity)) {
      return { entity, checked: false };
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
      return { entity, checked: false };
    }

    const { lookup } = this.options;
    const entityRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
    try {
      if (seen) {
        const problems = await checkDeclaredOwners(declared.value, lookup);
        if (problems.length) {
          problems.forEach(p =>
            emit(
              processingResult.inputError(location, `${OPS_OWNERS_FIELD}.${p}`),
            ),
          );
          return { entity, checked: false };
        }
      }

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
        entity: {
          ...entity,
          metadata: {
            ...entity.metadata,
            annotations: { ...entity.metadata.annotations, ...annotations },
          },
        },
        checked: true,
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
      return { entity, checked: false };
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
