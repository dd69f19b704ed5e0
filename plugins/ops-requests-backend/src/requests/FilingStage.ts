import { InputError, ServiceUnavailableError } from '@backstage/errors';
import { lowerRef } from '@integrated-ops/plugin-integrated-ops-common';
import {
  ApprovingRole,
  approvingRoleTitle,
  ChangeIntent,
  ChangePlan,
  ChangeRequest,
} from '@integrated-ops/plugin-ops-requests-common';
import { stringify } from 'yaml';
import { ApplyingStage } from './ApplyingStage';
import { NamespaceBaselines, newRequestId } from './NamespaceBaselines';
import {
  breakGlassLimit,
  riskAcceptanceLimit,
  LimitReachedError,
} from './requestLimits';
import {
  RECORDS,
  Requester,
  RequestServiceOptions,
  RequestStage,
} from './RequestStage';

/**
 * Filing: an intent previewed or filed, judged by the change policy and
 * committed on its own branch; refusals are kept for the KPIs, and a
 * break-glass grant is handed to applying at once.
 */
export class FilingStage extends RequestStage {
  constructor(
    options: RequestServiceOptions,
    private readonly stages: {
      applying: ApplyingStage;
      baselines: NamespaceBaselines;
    },
  ) {
    super(options);
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
    // One acceptance of a finding at a time, counted in the transaction.
    if (intent.kind === 'risk-acceptance') {
      limits.push(riskAcceptanceLimit(plan.targets[0], intent.finding));
    }
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
          connectivity: plan.connectivity,
          requestedBy,
          requestedAt,
        },
        limits,
      );
    } catch (error) {
      await this.stages.applying.discard(published.branch);
      // Past a counted limit: refused by the rule the limit stands for.
      if (error instanceof LimitReachedError) {
        const { rule } = error.limit;
        await this.recordRefusal(plan, requester, [rule]);
        throw new InputError(
          `Refused by policy ${
            plan.policy.version
          }: ${rule}: ${error.limit.refusal(error.holders)}`,
        );
      }
      throw error;
    }
    if (request.kind === 'network-access') {
      await this.stages.baselines.fileIfMissing(request, requester);
    }
    if (request.breakGlass) return this.stages.applying.breakGlass(request);
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
}
