import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Post alerts to be routed to their owners' on-call (`POST
 * /alerts/alertmanager`). Only services named in
 * `integratedOps.alerts.senders` get this far; the permission lets an
 * external-access entry be restricted to it and to nothing else:
 *
 * ```yaml
 * accessRestrictions:
 *   - plugin: integrated-ops
 *     permission: integrated-ops.alert.create
 * ```
 *
 * A service principal so restricted is denied every other permission, so
 * every lookup route (which each authorize `integrated-ops.lookup.read` or
 * `integrated-ops.coverage.read`) answers it 403.
 */
export const opsAlertCreatePermission = createPermission({
  name: 'integrated-ops.alert.create',
  attributes: { action: 'create' },
});
