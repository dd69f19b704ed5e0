import { LifecycleService, LoggerService } from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import { ChangeRequest } from '@integrated-ops/plugin-ops-requests-common';
import {
  RISK_ACCEPTANCE_TOPIC,
  RiskAcceptanceChange,
} from '@integrated-ops/plugin-security-findings-common';
import { DatabaseRequestStore } from '../requests/DatabaseRequestStore';

/** Requests looked at by the snapshot at start, newest first, by pages. */
const SNAPSHOT_MAX = 5000;
const PAGE = 200;

/** What the security-findings plugin hears of a risk-acceptance request. */
export function riskAcceptanceChange(
  request: ChangeRequest,
): RiskAcceptanceChange | undefined {
  const intent = request.intent;
  if (request.kind !== 'risk-acceptance' || intent?.kind !== 'risk-acceptance')
    return undefined;
  return {
    request: request.id,
    entityRef: request.targets[0],
    finding: intent.finding,
    state: request.state,
    until: request.expiresAt,
    appliedAt: request.appliedAt,
  };
}

/**
 * The security-findings plugin (the layer below, which never calls this
 * one) hears of each risk-acceptance request that changed state on the
 * events service: applied accepts the finding's risk until its end,
 * expired or revoked ends it. At start, the applied ones again, for a
 * findings plugin that missed some (announcing one twice changes nothing).
 */
export function tellTheFindings(deps: {
  events: EventsService;
  logger: LoggerService;
  lifecycle: LifecycleService;
  store: DatabaseRequestStore;
}) {
  const { events, logger, store } = deps;
  const publish = async (changes: RiskAcceptanceChange[]) => {
    if (!changes.length) return;
    await events.publish({
      topic: RISK_ACCEPTANCE_TOPIC,
      eventPayload: { changes },
    });
  };
  store.onChanged(request => {
    const change = riskAcceptanceChange(request);
    if (!change) return;
    publish([change]).catch(error =>
      logger.warn(
        `Could not tell security findings of request ${request.id}: ${error}`,
      ),
    );
  });
  const snapshot = async () => {
    const applied: RiskAcceptanceChange[] = [];
    let before: string | undefined;
    for (let seen = 0; seen < SNAPSHOT_MAX; seen += PAGE) {
      const page = await store.list({ requestedBefore: before, limit: PAGE });
      for (const r of page) {
        const change = r.state === 'applied' && riskAcceptanceChange(r);
        if (change) applied.push(change);
      }
      if (page.length < PAGE) break;
      before = page[page.length - 1].requestedAt;
    }
    await publish(applied);
  };
  deps.lifecycle.addStartupHook(() => {
    snapshot().catch(error =>
      logger.warn(`Could not tell security findings at start: ${error}`),
    );
  });
}
