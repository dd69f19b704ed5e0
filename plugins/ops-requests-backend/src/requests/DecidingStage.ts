import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { lowerRef } from '@integrated-ops/plugin-integrated-ops-common';
import { ChangeRequest } from '@integrated-ops/plugin-ops-requests-common';
import { OpsRequestResource } from '@integrated-ops/plugin-ops-requests-node';
import { OwnershipRecertifications } from '../recertification/OwnershipRecertifications';
import { ApplyingStage } from './ApplyingStage';
import { ExpiringStage } from './ExpiringStage';
import { pendingTeams } from './pendingTeams';
import {
  Decider,
  PORTAL,
  RECORDS,
  RequestServiceOptions,
  RequestStage,
} from './RequestStage';

/**
 * Deciding: reading a request as its reviewers see it, the owning teams'
 * approvals and rejections (applying it once every team approved), and the
 * post-review of break-glass grants (confirmed, or revoked now).
 */
export class DecidingStage extends RequestStage {
  constructor(
    options: RequestServiceOptions,
    private readonly stages: {
      applying: ApplyingStage;
      expiring: ExpiringStage;
      recertifications?: OwnershipRecertifications;
    },
  ) {
    super(options);
  }

  async get(id: string): Promise<ChangeRequest> {
    const request = await this.options.store.get(id);
    if (!request) throw new NotFoundError(`no change request ${id}`);
    return request;
  }

  /** The request with its change's files read from git at the reviewed commit, where readable. */
  async review(request: ChangeRequest): Promise<ChangeRequest> {
    const { publisher, logger } = this.options;
    if (request.change.provider !== publisher.provider) return request;
    if (!request.change.commit) return request; // nothing committed
    try {
      const files = await publisher.files(request.change.commit);
      if (!files) return request;
      const shown = Object.fromEntries(
        Object.entries(files).filter(([path]) => !path.startsWith(RECORDS)),
      );
      return { ...request, change: { ...request.change, files: shown } };
    } catch (error) {
      logger.warn(`Reading ${request.id}'s change from git: ${error}`);
      return request;
    }
  }

  /** The request as the permission rules see it: who asked, whose approval is missing. */
  toResource(request: ChangeRequest): OpsRequestResource {
    return {
      id: request.id,
      state: request.state,
      requestedBy: request.requestedBy,
      pendingApproverTeams: pendingTeams(request),
    };
  }

  /**
   * Records the caller's approval for every pending discipline whose team is
   * among their claims; applies the change once every team approved.
   */
  async approve(
    id: string,
    decider: Decider,
    comment?: string,
  ): Promise<ChangeRequest> {
    const request = await this.get(id);
    const actor = decider.userEntityRef;
    const teams = new Set(decider.claims.map(lowerRef));
    const mine = request.requiredApprovals.filter(d =>
      teams.has(lowerRef(request.approvers[d] ?? '')),
    );
    if (!mine.length) {
      throw new NotAllowedError(
        `${actor} is in none of the teams that approve ${id}`,
      );
    }
    const disciplines = mine.filter(
      d => !request.approvals.some(a => a.discipline === d),
    );
    if (request.state !== 'pending' || !disciplines.length) {
      throw new ConflictError(
        `${id} is ${request.state}${
          request.state === 'pending'
            ? `; ${mine.join('/')} already approved`
            : ''
        }`,
      );
    }
    const result = await this.options.store.approve({
      id,
      disciplines,
      actor: lowerRef(actor),
      at: this.at(),
      comment,
    });
    if (!result.completed) return result.request;
    if (result.request.recertification && this.stages.recertifications) {
      return this.stages.recertifications.completed(result.request);
    }
    const { applyAt } = result.request;
    const later = !!applyAt && applyAt > this.at();
    await this.notify([result.request.requestedBy], {
      title: `Approved: ${result.request.title}`,
      description: later
        ? `Every owning team approved ${id}; it is applied at ${applyAt}.`
        : `Every owning team approved ${id}; the change is being applied.`,
      link: `/ops-requests/${id}`,
    });
    if (later) {
      await this.options.store.note({
        id,
        actor: PORTAL,
        action: 'scheduled',
        at: this.at(),
        reason: `applied by the scheduler at ${applyAt}`,
      });
      return (await this.options.store.get(id))!;
    }
    return (
      (await this.stages.applying.applyClaimed(result.request)) ??
      (await this.options.store.get(id))!
    );
  }

  async reject(
    id: string,
    actor: string,
    justification: string,
  ): Promise<ChangeRequest> {
    const asked = await this.get(id);
    if (asked.recertification && !asked.recertification.handOverFrom) {
      throw new InputError(
        `${id} asks ${asked.recertification.team} to confirm: if it is not theirs, hand it over to the team that owns it`,
      );
    }
    const request = await this.options.store.transition({
      id,
      from: ['pending'],
      to: 'rejected',
      action: 'rejected',
      actor: lowerRef(actor),
      at: this.at(),
      reason: justification,
    });
    await this.stages.applying.discard(request.change.branch);
    if (request.recertification) {
      await this.stages.recertifications?.refused(request, justification);
      return request;
    }
    await this.notify([request.requestedBy], {
      title: `Rejected: ${request.title}`,
      description: `${actor}: ${justification}`,
      link: `/ops-requests/${id}`,
      severity: 'high',
    });
    return request;
  }

  /** An owning team confirms break-glass access after the fact; it stays until its end time. */
  async confirm(
    id: string,
    decider: Decider,
    comment?: string,
  ): Promise<ChangeRequest> {
    const request = await this.inPostReview(id, decider);
    const confirmed = await this.options.store.transition({
      id,
      from: ['post-review'],
      to: 'applied',
      action: 'post-review-confirmed',
      actor: lowerRef(decider.userEntityRef),
      at: this.at(),
      beforeExpiry: true,
      reason: comment ?? `confirmed; ends ${request.expiresAt}`,
    });
    await this.notify([request.requestedBy], {
      title: `Confirmed: ${request.title}`,
      description: `${decider.userEntityRef} confirmed the break-glass access; it ends ${request.expiresAt}.`,
      link: `/ops-requests/${id}`,
    });
    return confirmed;
  }

  /** An owning team revokes break-glass access now, through the same git path as expiry. */
  async revokeNow(
    id: string,
    decider: Decider,
    justification: string,
  ): Promise<ChangeRequest> {
    const request = await this.inPostReview(id, decider);
    const revoked = await this.stages.expiring.revoke(
      request,
      `revoked in review by ${lowerRef(
        decider.userEntityRef,
      )}: ${justification}`,
      lowerRef(decider.userEntityRef),
    );
    await this.notify([request.requestedBy, request.breakGlass!.notify], {
      title: `Revoked: ${request.title}`,
      description: `${decider.userEntityRef}: ${justification}`,
      link: `/ops-requests/${id}`,
      severity: 'high',
    });
    return revoked;
  }

  private async inPostReview(id: string, decider: Decider) {
    const request = await this.get(id);
    if (request.state !== 'post-review') {
      throw new ConflictError(`${id} is ${request.state}, not in post-review`);
    }
    const teams = new Set(decider.claims.map(lowerRef));
    if (!pendingTeams(request).some(t => teams.has(t))) {
      throw new NotAllowedError(
        `${decider.userEntityRef} is in none of the teams that review ${id}`,
      );
    }
    return request;
  }
}
