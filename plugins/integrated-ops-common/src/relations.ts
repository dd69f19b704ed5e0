import { Discipline } from './disciplines';

/**
 * Typed ownership relations. The entity points at its team with `<d>OwnedBy`;
 * the team points back with `<d>OwnerOf`. Both are emitted by the
 * catalog-backend-module-integrated-ops processor, for declared and inherited
 * owners alike.
 *
 * @public
 */
export const RELATION_OPS_OWNED_BY: Record<Discipline, string> = {
  netops: 'netopsOwnedBy',
  devops: 'devopsOwnedBy',
  secops: 'secopsOwnedBy',
};

/**
 * Catalog relation from an owning group to what it owns, per discipline (the
 * reverse of RELATION_OPS_OWNED_BY).
 *
 * @public
 */
export const RELATION_OPS_OWNER_OF: Record<Discipline, string> = {
  netops: 'netopsOwnerOf',
  devops: 'devopsOwnerOf',
  secops: 'secopsOwnerOf',
};

/**
 * Annotation the processor writes on each entity, per discipline, saying where
 * its effective owner came from: `declared`, `inherited:<ref>`, `fallback`
 * (spec.owner used, no ops declaration anywhere) or `missing`.
 * Lets anyone query gaps straight from the catalog API, e.g.
 * `filter=metadata.annotations.integrated-ops.io/secops-owner-source=missing`.
 *
 * @public
 */
export function ownerSourceAnnotation(discipline: Discipline): string {
  return `integrated-ops.io/${discipline}-owner-source`;
}
