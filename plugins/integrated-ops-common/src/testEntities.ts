import { Entity } from '@backstage/catalog-model';

/** Builders for the small catalogs the tests in this package use. */
export const entity = (
  kind: string,
  name: string,
  spec: Record<string, unknown> = {},
  metadata = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', ...metadata },
  spec: spec as Entity['spec'],
});

export const team = (
  name: string,
  links: { type: string; url: string }[] = [],
  opsTeam?: unknown,
): Entity =>
  entity(
    'Group',
    name,
    { type: 'team', children: [], ...(opsTeam ? { opsTeam } : {}) },
    { links },
  );
