import { createRouteRef } from '@backstage/frontend-plugin-api';

/** Campaigns (`/scorecard-campaigns`, one page per campaign below it). */
export const campaignsRouteRef = createRouteRef();
