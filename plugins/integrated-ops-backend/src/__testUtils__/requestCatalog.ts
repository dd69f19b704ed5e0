import { Entity } from '@backstage/catalog-model';
import { testCatalog } from './testCatalog';

/**
 * The test catalog with members in the approving teams: netops-edge has ana
 * and tom (testCatalog), soc-t1 gets lucas and elena.
 */
export const requestCatalog: Entity[] = testCatalog.map(e =>
  e.kind === 'Group' && e.metadata.name === 'soc-t1'
    ? {
        ...e,
        relations: [
          ...(e.relations ?? []),
          { type: 'hasMember', targetRef: 'user:default/lucas' },
          { type: 'hasMember', targetRef: 'user:default/elena' },
        ],
      }
    : e,
);
