import {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ChangePlanner,
  ChangePublisher,
} from '@integrated-ops/plugin-ops-requests-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { RequestStore } from './RequestStore';

/** The actor the portal itself records (scheduler, applies, expiry). */
export const PORTAL = 'ops-requests:portal';
/** Where a change commits the request's own record, beside its files. */
export const RECORDS = 'change-requests/';

/** The signed-in user a request is filed for. */
export interface Requester {
  userEntityRef: string;
  credentials: BackstageCredentials;
}

/** The signed-in user deciding a request, with their ownership claims (user and groups). */
export interface Decider {
  userEntityRef: string;
  claims: string[];
}

export interface RequestServiceOptions {
  store: RequestStore;
  logger: LoggerService;
  /** Judges intents: catalog, change policy, rendering. */
  planner: ChangePlanner;
  /** Where change branches go (local repository, GitHub, GitLab). */
  publisher: ChangePublisher;
  notifications?: NotificationService;
  now?: () => Date;
  /**
   * How long a replica holds an apply it claimed (default 2 minutes): if it
   * dies mid-merge, another takes the apply over after this.
   */
  applyLeaseMs?: number;
  /** Where ownership re-certification reads the catalog and the policy; absent, there is none. */
  ownership?: {
    catalog: CatalogService;
    auth: AuthService;
    policyFile: string;
  };
}

/** What a request's people are told. */
export interface Notice {
  title: string;
  description: string;
  link: string;
  severity?: 'high' | 'normal';
}

/** The service's clock: the configured one, or the wall clock. */
export function clockOf(options: RequestServiceOptions): () => Date {
  return options.now ?? (() => new Date());
}

/**
 * Tells the recipients (entity refs; blanks and repeats dropped) through the
 * notifications service, when there is one. A failure is logged, never
 * thrown: a notification must not undo a decision.
 */
export async function notify(
  options: RequestServiceOptions,
  recipients: string[],
  payload: Notice,
) {
  const entityRef = [...new Set(recipients.filter(Boolean))];
  if (!options.notifications || !entityRef.length) return;
  try {
    await options.notifications.send({
      recipients: { type: 'entity', entityRef },
      payload: {
        ...payload,
        topic: 'integrated-ops-requests',
        severity: payload.severity ?? 'normal',
      },
    });
  } catch (error) {
    // A notification failure must not undo a decision.
    options.logger.warn(`Notification "${payload.title}" failed: ${error}`);
  }
}

/**
 * What every stage of a request's life shares: the service's options, its
 * clock and its notifications.
 */
export abstract class RequestStage {
  protected readonly now: () => Date;

  constructor(protected readonly options: RequestServiceOptions) {
    this.now = clockOf(options);
  }

  protected at() {
    return this.now().toISOString();
  }

  protected notify(recipients: string[], payload: Notice) {
    return notify(this.options, recipients, payload);
  }
}
