import { createHash } from 'node:crypto';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  EffectiveOwners,
  lowerRef,
  readEffectiveOwners,
} from '@integrated-ops/plugin-integrated-ops-common';

/** `owners`: an owned entity's typed owners. `team`: a group as answers read it. */
export type HistoryKind = 'owners' | 'team';

export interface OwnersSnapshot {
  owners: EffectiveOwners;
}

/** A group without what changes on every stitch: enough to rebuild its answer. */
export type TeamSnapshot = Entity;

export interface Snapshot {
  ref: string;
  kind: HistoryKind;
  fingerprint: string;
  snapshot: OwnersSnapshot | TeamSnapshot;
}

/** Kinds whose owners are not history: people, templates, locations. */
const NOT_OWNED = new Set(['user', 'location', 'template']);

/** Relations a team answer reads: members and the org tree. */
const TEAM_RELATIONS = new Set(['hasMember', 'childOf', 'parentOf']);

function fingerprint(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

function teamSnapshot(entity: Entity): TeamSnapshot {
  const { uid, etag, generation, ...metadata } = entity.metadata;
  const relations = (entity.relations ?? [])
    .filter(r => TEAM_RELATIONS.has(r.type))
    .map(r => ({ type: r.type, targetRef: lowerRef(r.targetRef) }))
    .sort((a, b) =>
      `${a.type} ${a.targetRef}`.localeCompare(`${b.type} ${b.targetRef}`),
    );
  return {
    apiVersion: entity.apiVersion,
    kind: entity.kind,
    metadata,
    spec: entity.spec,
    relations,
  };
}

/**
 * What the history keeps of an entity, and its fingerprint: for a group the
 * team itself (members, lead, rotations, contacts, escalation), for anything
 * owned its three effective owners. Undefined for kinds nobody owns.
 */
export function ownershipSnapshot(entity: Entity): Snapshot | undefined {
  const kind = entity.kind.toLocaleLowerCase('en-US');
  if (NOT_OWNED.has(kind)) return undefined;
  const ref = lowerRef(stringifyEntityRef(entity));
  if (kind === 'group') {
    const snapshot = teamSnapshot(entity);
    return { ref, kind: 'team', snapshot, fingerprint: fingerprint(snapshot) };
  }
  const snapshot: OwnersSnapshot = { owners: readEffectiveOwners(entity) };
  return { ref, kind: 'owners', snapshot, fingerprint: fingerprint(snapshot) };
}

/** The fingerprint of "no longer in the catalog". */
export const REMOVED = 'removed';
