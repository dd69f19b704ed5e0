import { AuthService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  Discipline,
  DISCIPLINES,
  isOwnedKind,
  lowerRef,
  readEffectiveOwners,
} from '@integrated-ops/plugin-integrated-ops-common';
import { stringifyEntityRef } from '@backstage/catalog-model';

/** One place where a team is declared an owner, and how many entities own through it. */
export interface Declaration {
  /** The entity the owner is declared on (itself, or the System / Domain it inherits from). */
  declaredOn: string;
  discipline: Discipline;
  team: string;
  entities: number;
}

const PAGE = 1000;
const OWNED_KINDS = ['component', 'system', 'resource', 'api', 'domain'];

export const declarationKey = (d: { declaredOn: string; discipline: string }) =>
  `${d.declaredOn} ${d.discipline}`;

/**
 * Every declaration of a typed owner in the catalog (declared or inherited;
 * the spec.owner fallback is a gap, not a declaration), read page by page.
 */
export async function readDeclarations(
  catalog: CatalogService,
  auth: AuthService,
): Promise<Declaration[]> {
  const credentials = await auth.getOwnServiceCredentials();
  const found = new Map<string, Declaration>();
  let cursor: string | undefined;
  do {
    const page = await catalog.queryEntities(
      cursor
        ? { cursor, limit: PAGE }
        : {
            filter: { kind: OWNED_KINDS },
            fields: ['kind', 'metadata', 'relations', 'spec.owner'],
            limit: PAGE,
          },
      { credentials },
    );
    for (const entity of page.items) {
      if (!isOwnedKind(entity)) continue;
      const owners = readEffectiveOwners(entity);
      for (const discipline of DISCIPLINES) {
        const { owner, source, declaredOn } = owners[discipline];
        if (!owner || (source !== 'declared' && source !== 'inherited')) {
          continue;
        }
        const on = lowerRef(declaredOn ?? stringifyEntityRef(entity));
        const key = declarationKey({ declaredOn: on, discipline });
        const known = found.get(key);
        if (known) known.entities++;
        else {
          found.set(key, {
            declaredOn: on,
            discipline,
            team: owner,
            entities: 1,
          });
        }
      }
    }
    cursor = page.pageInfo.nextCursor;
  } while (cursor);
  return [...found.values()];
}
