import { createRouteRef } from '@backstage/frontend-plugin-api';

/** Change requests (`/ops-requests`, `/ops-requests/:id`). */
export const requestsRouteRef = createRouteRef();
