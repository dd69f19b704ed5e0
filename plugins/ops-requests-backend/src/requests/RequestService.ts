import {
  ChangeIntent,
  ChangePlan,
  ChangeRequest,
} from '@integrated-ops/plugin-ops-requests-common';
import { OpsRequestResource } from '@integrated-ops/plugin-ops-requests-node';
import { OwnershipRecertifications } from '../recertification/OwnershipRecertifications';
import { ApplyingStage } from './ApplyingStage';
import { DecidingStage } from './DecidingStage';
import { ExpiringStage } from './ExpiringStage';
import { FilingStage } from './FilingStage';
import { NamespaceBaselines } from './NamespaceBaselines';
import {
  clockOf,
  Decider,
  notify,
  Requester,
  RequestServiceOptions,
} from './RequestStage';

export type { Decider, Requester, RequestServiceOptions } from './RequestStage';

/**
 * The life of a change request. The caller sends an intent; everything that
 * gates it is derived here: the policy verdict, the approving teams (typed
 * owners of its first target), the change (rendered and committed on a
 * branch by this service) and the commit approvers review. Approved per
 * discipline by a member of that team (never the requester); applied by
 * merging exactly the reviewed commit; revoked through the same git path when
 * it expires.
 *
 * Each stage of that life is its own module: {@link FilingStage},
 * {@link DecidingStage}, {@link ApplyingStage} and {@link ExpiringStage},
 * sharing the options, clock and notifications of `RequestStage`. This class
 * only puts them together for the routes and the scheduled tasks.
 */
export class RequestService {
  private readonly filing: FilingStage;

  private readonly deciding: DecidingStage;

  private readonly applying: ApplyingStage;

  private readonly expiring: ExpiringStage;

  /** Ownership re-certification requests (when configured with `ownership`). */
  readonly recertifications?: OwnershipRecertifications;

  constructor(options: RequestServiceOptions) {
    const now = clockOf(options);
    const baselines = new NamespaceBaselines({
      ...options,
      now,
      notify: (recipients, payload) => notify(options, recipients, payload),
    });
    if (options.ownership) {
      this.recertifications = new OwnershipRecertifications({
        ...options.ownership,
        store: options.store,
        logger: options.logger,
        now,
        notify: (recipients, payload) => notify(options, recipients, payload),
      });
    }
    this.applying = new ApplyingStage(options);
    this.expiring = new ExpiringStage(options, this.applying);
    this.deciding = new DecidingStage(options, {
      applying: this.applying,
      expiring: this.expiring,
      recertifications: this.recertifications,
    });
    this.filing = new FilingStage(options, {
      applying: this.applying,
      baselines,
    });
  }

  // Filing

  /** See {@link FilingStage.preview}. */
  preview(intent: ChangeIntent, requester: Requester): Promise<ChangePlan> {
    return this.filing.preview(intent, requester);
  }

  /** See {@link FilingStage.create}. */
  create(intent: ChangeIntent, requester: Requester): Promise<ChangeRequest> {
    return this.filing.create(intent, requester);
  }

  // Deciding

  /** See {@link DecidingStage.get}. */
  get(id: string): Promise<ChangeRequest> {
    return this.deciding.get(id);
  }

  /** See {@link DecidingStage.review}. */
  review(request: ChangeRequest): Promise<ChangeRequest> {
    return this.deciding.review(request);
  }

  /** See {@link DecidingStage.toResource}. */
  toResource(request: ChangeRequest): OpsRequestResource {
    return this.deciding.toResource(request);
  }

  /** See {@link DecidingStage.approve}. */
  approve(
    id: string,
    decider: Decider,
    comment?: string,
  ): Promise<ChangeRequest> {
    return this.deciding.approve(id, decider, comment);
  }

  /** See {@link DecidingStage.reject}. */
  reject(
    id: string,
    actor: string,
    justification: string,
  ): Promise<ChangeRequest> {
    return this.deciding.reject(id, actor, justification);
  }

  /** See {@link DecidingStage.confirm}. */
  confirm(
    id: string,
    decider: Decider,
    comment?: string,
  ): Promise<ChangeRequest> {
    return this.deciding.confirm(id, decider, comment);
  }

  /** See {@link DecidingStage.revokeNow}. */
  revokeNow(
    id: string,
    decider: Decider,
    justification: string,
  ): Promise<ChangeRequest> {
    return this.deciding.revokeNow(id, decider, justification);
  }

  // Applying

  /** See {@link ApplyingStage.apply}. */
  apply(request: ChangeRequest): Promise<ChangeRequest> {
    return this.applying.apply(request);
  }

  /** See {@link ApplyingStage.applyDue}. */
  applyDue(): Promise<string[]> {
    return this.applying.applyDue();
  }

  /** See {@link ApplyingStage.sweepOrphanBranches}. */
  sweepOrphanBranches(): Promise<string[]> {
    return this.applying.sweepOrphanBranches();
  }

  // Expiring

  /** See {@link ExpiringStage.expireDue}. */
  expireDue(): Promise<string[]> {
    return this.expiring.expireDue();
  }

  /** See {@link ExpiringStage.revokeUnreviewed}. */
  revokeUnreviewed(): Promise<string[]> {
    return this.expiring.revokeUnreviewed();
  }

  /** See {@link ExpiringStage.requestRecertification}. */
  requestRecertification(days: number): Promise<string[]> {
    return this.expiring.requestRecertification(days);
  }
}
