import { createRouteRef } from '@backstage/frontend-plugin-api';

/** Change requests (`/ops-requests`, `/ops-requests/:id`). */
export const requestsRouteRef = createRouteRef();

/** The change calendar (`/ops-calendar`). */
export const calendarRouteRef = createRouteRef();

/** Governance KPIs (`/ops-governance`, `?team=` or `?system=`). */
export const governanceRouteRef = createRouteRef();
