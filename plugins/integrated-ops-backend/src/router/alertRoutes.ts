import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { opsCoverageReadPermission } from '@integrated-ops/plugin-integrated-ops-common';
import { ApiRouter } from '@backstage/backend-openapi-utils';
import { AnswerOptions } from '../answer/buildOwnershipAnswer';
import { AlertDelivery } from '../alerts/AlertDelivery';
import { readAlerts } from '../alerts/alertPayload';
import { UnroutedAlertStore } from '../alerts/UnroutedAlertStore';
import { OwnershipIndexService } from '../service/OwnershipIndexService';
import { opsAlertCreatePermission } from '../permissions/alertPermission';
import { spec } from '../schema/openapi';

export interface AlertRoutesOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  indexService: OwnershipIndexService;
  delivery: AlertDelivery;
  store: UnroutedAlertStore;
  /** Subjects of the external-access tokens that may post alerts. */
  senders: string[];
  answerOptions?: AnswerOptions;
  now: () => Date;
}

/**
 * POST /alerts/alertmanager: alerts in, each routed to its owner's on-call.
 * Only services may post (an external-access token whose subject is one of
 * `integratedOps.alerts.senders`, allowed `integrated-ops.alert.create`): a
 * signed-in user cannot make the portal page people. Those senders may call
 * nothing else of this plugin (see createRouter). GET /alerts/unrouted: what
 * found no owner, for the coverage page.
 */
export function addAlertRoutes(
  router: ApiRouter<typeof spec>,
  options: AlertRoutesOptions,
) {
  const { httpAuth, permissions, indexService, delivery, store, now } = options;

  router.post('/alerts/alertmanager', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['service'] });
    if (!options.senders.includes(credentials.principal.subject)) {
      throw new NotAllowedError(
        `${credentials.principal.subject} may not post alerts (integratedOps.alerts.senders)`,
      );
    }
    // A sender's external-access entry may be restricted to this permission
    // alone (accessRestrictions): then it is allowed here and nowhere else.
    const [decision] = await permissions.authorize(
      [{ permission: opsAlertCreatePermission }],
      { credentials },
    );
    if (decision.result !== 'ALLOW') {
      throw new NotAllowedError(
        `Not allowed: ${opsAlertCreatePermission.name}`,
      );
    }
    const alerts = readAlerts(req.body);
    res.json(
      await delivery.deliver(
        indexService.current(),
        alerts,
        now(),
        options.answerOptions ?? {},
      ),
    );
  });

  router.get('/alerts/unrouted', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const [decision] = await permissions.authorize(
      [{ permission: opsCoverageReadPermission }],
      { credentials },
    );
    if (decision.result !== 'ALLOW') {
      throw new NotAllowedError(
        `Not allowed: ${opsCoverageReadPermission.name}`,
      );
    }
    const at = now();
    res.json(await store.since(new Date(at.getTime() - 24 * 3600_000)));
  });
}
