import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { lowerRef } from '@integrated-ops/plugin-integrated-ops-common';
import {
  ChangeIntent,
  ChangePlan,
  ChangeRequest,
  ApprovingRole,
  approvingRoleTitle,
} from '@integrated-ops/plugin-ops-requests-common';
import { OpsRequestResource } from '@integrated-ops/plugin-ops-requests-node';
import { stringify } from 'yaml';
import { pendingTeams } from './pendingTeams';
import { NamespaceBaselines, newRequestId } from './NamespaceBaselines';
import { breakGlassLimit, LimitReachedError } from './requestLimits';
import { OwnershipRecertifications } from '../recertification/OwnershipRecertifications';
import { ApplyingStage } from './ApplyingStage';
import { ExpiringStage } from './ExpiringStage';
import {
  Decider,
  PORTAL,
  RECORDS,
  Requester,
  RequestServiceOptions,
  RequestStage,
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
 */
export class RequestService extends RequestStage {
  private readonly baselines: NamespaceBaselines;

  private readonly applying: ApplyingStage;

  private readonly expiring: ExpiringStage;

  /** Ownership re-certification requests (when configured with `ownership`). */
  readonly recertifications?: OwnershipRecertifications;

  constructor(options: RequestServiceOptions) {
    super(options);
    this.baselines = new NamespaceBaselines({
      ...options,
      now: this.now,
      notify: (recipients, payload) => this.notify(recipients, payload),
    });
    if (options.ownership) {
      this.recertifications = new OwnershipRecertifications({
        ...options.ownership,
        store: options.store,
        logger: options.logger,
        now: this.now,
        notify: (recipients, payload) => this.notify(recipients, payload),
      });
    }
    this.applying = new ApplyingStage(options);
    this.expiring = new ExpiringStage(options, this.applying);
  }

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

  /**
   * What filing the intent would do: policy verdict, approvers and the
   * change. Commits nothing; counts what filing counts (open break-glass
   * grants), so its verdict is the one Create gets unless something changes
   * in between.
   */
  async preview(
    intent: ChangeIntent,
    requester: Requester,
  ): Promise<ChangePlan> {
    return this.options.planner.plan(intent, requester, {
      openEmergencies: await this.openEmergencies(intent, requester),
    });
  }

  /** Break-glass grants the requester holds open now, for an emergency intent. */
  private async openEmergencies(intent: ChangeIntent, requester: Requester) {
    if (intent.kind !== 'network-access' || !intent.emergency) return 0;
    const open = await this.options.store.openUnder(
      breakGlassLimit(lowerRef(requester.userEntityRef)),
      this.at(),
    );
    return open.length;
  }

  /**
   * Files an intent: refused unless the policy passes and every required
   * discipline has an owning team; otherwise the change is committed on a
   * new branch and the request stored with that commit. A branch whose
   * request could not be stored is deleted again. A break-glass grant holds
   * a slot of the requester's limit in the transaction that stores it, so
   * racing filings never pass the limit together.
   */
  async create(
    intent: ChangeIntent,
    requester: Requester,
  ): Promise<ChangeRequest> {
    const plan = await this.options.planner.plan(intent, requester, {
      openEmergencies: await this.openEmergencies(intent, requester),
    });
    if (!plan.policy.passed) {
      const failed = plan.policy.results.filter(r => !r.passed);
      await this.recordRefusal(
        plan,
        requester,
        failed.map(r => r.rule),
      );
      throw new InputError(
        `Refused by policy ${plan.policy.version}: ${failed
          .map(r => `${r.rule}: ${r.message}`)
          .join('; ')}`,
      );
    }
    const missing = plan.requiredApprovals.filter(d => !plan.approvers[d]);
    if (missing.length) {
      throw new InputError(
        `${plan.targets[0]} has no ${missing
          .map(d => approvingRoleTitle(d))
          .join(', ')} owner to approve it`,
      );
    }
    const requestedBy = lowerRef(requester.userEntityRef);
    const requestedAt = this.at();
    const id = newRequestId(requestedAt);
    const { publisher } = this.options;
    const record = {
      id,
      kind: plan.kind,
      title: plan.title,
      description: plan.description,
      requestedBy,
      requestedAt,
      intent,
      targets: plan.targets,
      policy: plan.policy.version,
      policyResults: plan.policy.results,
      requiredApprovals: plan.requiredApprovals,
      approvers: plan.approvers,
      expiresAt: plan.expiresAt,
    };
    const published = await publisher
      .publish({
        branch: `change/${id}`,
        files: { ...plan.files, [`${RECORDS}${id}.yaml`]: stringify(record) },
        title: `${plan.title} (${id})`,
        body: `${plan.description}\n\nRequested-by: ${requestedBy}`,
        author: {
          name: requestedBy,
          email: `${requestedBy.replace(
            /^user:(default\/)?/,
            '',
          )}@users.invalid`,
        },
      })
      .catch(error => {
        // git's errors carry its command line and server paths: those stay
        // in the log; the caller learns what failed.
        this.options.logger.error(`Committing ${id} failed: ${error}`);
        throw new ServiceUnavailableError(
          `${id} could not be committed to the ${publisher.provider} infrastructure repository; nothing was filed (see the backend log)`,
        );
      });
    const limits = plan.breakGlass
      ? [breakGlassLimit(requestedBy, plan.breakGlass.maxOpenPerPerson ?? 1)]
      : [];
    let request: ChangeRequest;
    try {
      request = await this.options.store.create(
        {
          id,
          kind: plan.kind,
          title: plan.title,
          description: plan.description,
          targets: plan.targets,
          intent,
          change: {
            provider: publisher.provider,
            repository: published.repository,
            branch: published.branch,
            commit: published.commit,
            url: published.url,
            files: plan.files,
          },
          policy: {
            version: plan.policy.version,
            results: plan.policy.results,
          },
          requiredApprovals: plan.requiredApprovals,
          approvers: plan.approvers,
          expiresAt: plan.expiresAt,
          breakGlass: plan.breakGlass,
          applyAt: plan.applyAt,
          requestedBy,
          requestedAt,
        },
        limits,
      );
    } catch (error) {
      await this.applying.discard(published.branch);
      if (error instanceof LimitReachedError) {
        const rule = 'break-glass.open-per-person';
        await this.recordRefusal(plan, requester, [rule]);
        const open = error.holders.length;
        throw new InputError(
          `Refused by policy ${
            plan.policy.version
          }: ${rule}: you hold ${open} open break-glass ${
            open === 1 ? 'grant' : 'grants'
          } (${error.holders.join(', ')}); at most ${error.limit.max} at once`,
        );
      }
      throw error;
    }
    if (request.kind === 'network-access') {
      await this.baselines.fileIfMissing(request, requester);
    }
    if (request.breakGlass) return this.applying.breakGlass(request);
    const { approvers } = request;
    await this.notify(Object.values(approvers), {
      title: `Approval needed: ${request.title}`,
      description: `${
        request.requestedBy
      } asks; your team approves as ${Object.entries(approvers)
        .map(([d]) => approvingRoleTitle(d as ApprovingRole))
        .join(' / ')} owner. Policy ${request.policy.version} passed.`,
      link: `/ops-requests/${id}`,
    });
    return request;
  }

  /** Keeps a refused filing for the KPIs; a failure to keep it must not hide the refusal. */
  private async recordRefusal(
    plan: ChangePlan,
    requester: Requester,
    rules: string[],
  ) {
    try {
      await this.options.store.recordRefusal({
        at: this.at(),
        requestedBy: lowerRef(requester.userEntityRef),
        kind: plan.kind,
        targets: plan.targets,
        approvers: plan.approvers,
        rules,
        policyVersion: plan.policy.version,
      });
    } catch (error) {
      this.options.logger.warn(`Recording a policy refusal: ${error}`);
    }
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
    const revoked = await this.expiring.revoke(
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

  async get(id: string): Promise<ChangeRequest> {
    const request = await this.options.store.get(id);
    if (!request) throw new NotFoundError(`no change request ${id}`);
    return request;
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
    if (result.request.recertification && this.recertifications) {
      return this.recertifications.completed(result.request);
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
      (await this.applying.applyClaimed(result.request)) ??
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
    await this.applying.discard(request.change.branch);
    if (request.recertification) {
      await this.recertifications?.refused(request, justification);
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
}
