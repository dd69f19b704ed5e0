import { Entity } from '@backstage/catalog-model';
import { z } from 'zod';
import { Discipline } from '../disciplines';
import { entityRefOfKind } from './entityRefs';
import { parseWith, ParseResult } from './parseResult';

/**
 * `spec.opsOwners` on a Component, System, Resource, API or Domain: the team
 * that owns it for each discipline. Any discipline left out is inherited from
 * the System, then the Domain (and its parent domains).
 *
 * @public
 */
export const opsOwnersSchema = z
  .object({
    netops: entityRefOfKind('group').optional(),
    devops: entityRefOfKind('group').optional(),
    secops: entityRefOfKind('group').optional(),
  })
  .strict();

/**
 * An entity's spec.opsOwners: the owning group per discipline.
 *
 * @public
 */
export type OpsOwners = Partial<Record<Discipline, string>>;

/**
 * Where an entity declares its ops owners, as issues name it.
 *
 * @public
 */
export const OPS_OWNERS_FIELD = 'spec.opsOwners';

/**
 * The kinds whose ownership is tracked (and which may declare spec.opsOwners).
 *
 * @public
 */
export const OWNED_KINDS = [
  'component',
  'system',
  'resource',
  'api',
  'domain',
] as const;

/**
 * Whether an entity is of a kind whose ownership is tracked.
 *
 * @public
 */
export function isOwnedKind(entity: Entity): boolean {
  return (OWNED_KINDS as readonly string[]).includes(
    entity.kind.toLocaleLowerCase('en-US'),
  );
}

/**
 * Parses an entity's spec.opsOwners; an entity without one declares nothing.
 *
 * @public
 */
export function parseOpsOwners(entity: Entity): ParseResult<OpsOwners> {
  const raw = entity.spec?.opsOwners;
  if (raw === undefined || raw === null) {
    return { ok: true, value: {} };
  }
  return parseWith(opsOwnersSchema, raw, OPS_OWNERS_FIELD);
}
