import { createRouteRef } from '@backstage/core-plugin-api';

/** The incident lookup page (`/ops-lookup`, `?q=` deep-links an answer). */
export const lookupRouteRef = createRouteRef({ id: 'integrated-ops:lookup' });

/** The ownership coverage dashboard (`/ops-coverage`). */
export const coverageRouteRef = createRouteRef({
  id: 'integrated-ops:coverage',
});
