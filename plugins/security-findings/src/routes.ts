import { createRouteRef } from '@backstage/frontend-plugin-api';

/** SecOps' overview of security findings (`/security-findings`). */
export const overviewRouteRef = createRouteRef();
