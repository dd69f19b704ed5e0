import { LoggerService } from '@backstage/backend-plugin-api';
import { lowerRef } from '@integrated-ops/plugin-integrated-ops-common';
import { ChangeRequest } from '@integrated-ops/plugin-ops-requests-common';
import {
  ChangePublisher,
  namespaceBaseline,
  toYamlDocuments,
} from '@integrated-ops/plugin-ops-requests-node';
import { randomBytes } from 'crypto';
import { RequestStore } from './RequestStore';
import {
  LimitReachedError,
  namespaceBaselineLimit,
  RequestLimit,
} from './requestLimits';

const PORTAL = 'ops-requests:portal';

/** A new change request id: the day and six random hex digits. */
export function newRequestId(at: string): string {
  return `cr-${at.slice(0, 10).replace(/-/g, '')}-${randomBytes(3).toString(
    'hex',
  )}`;
}

/**
 * Namespace baselines (default-deny with DNS egress) as their own reviewed
 * change: filed once per namespace while the infrastructure repository's
 * main holds none, for the destination's NetOps team.
 */
export class NamespaceBaselines {
  constructor(
    private readonly options: {
      store: RequestStore;
      publisher: ChangePublisher;
      logger: LoggerService;
      now: () => Date;
      notify: (
        recipients: string[],
        payload: { title: string; description: string; link: string },
      ) => Promise<void>;
    },
  ) {}

  /**
   * An access change holds only the access asked for. When the namespace it
   * lands in has no baseline on main (default-deny with DNS egress) and none
   * is already waiting, a separate request files one for the destination's
   * NetOps team to review; the access request's audit says so.
   */
  async fileIfMissing(
    request: ChangeRequest,
    requester: { userEntityRef: string },
  ) {
    const namespace = Object.keys(request.change.files)
      .map(path => path.match(/^kubernetes\/([^/]+)\//)?.[1])
      .find(Boolean);
    const netops = request.approvers.netops;
    if (!namespace || !netops) return;
    const path = `kubernetes/${namespace}/namespace-baseline.yaml`;
    const title = `Namespace baseline: ${namespace}`;
    const note = (reason: string) =>
      this.options.store.note({
        id: request.id,
        actor: PORTAL,
        action: 'baseline',
        at: this.options.now().toISOString(),
        reason,
      });
    try {
      const onMain = await this.options.publisher.fileOnMain(path);
      if (onMain === null) {
        await note(
          `whether ${path} exists on main cannot be read from ${this.options.publisher.provider}; add the namespace baseline by hand if it is missing`,
        );
        return;
      }
      if (onMain !== undefined) return;
      // One waiting baseline per namespace, held by the database when filed.
      const limit = namespaceBaselineLimit(namespace);
      const [waiting] = await this.options.store.openUnder(
        limit,
        this.options.now().toISOString(),
      );
      const baseline = waiting
        ? { id: waiting, filed: false }
        : await this.fileBaseline(
            request,
            requester,
            { namespace, path, title },
            limit,
          );
      await note(
        baseline.filed
          ? `${namespace} holds no baseline on main: ${baseline.id} asks NetOps to review it on its own`
          : `the namespace baseline for ${namespace} waits in ${baseline.id}`,
      );
    } catch (error) {
      this.options.logger.warn(
        `Namespace baseline for ${request.id}: ${error}`,
      );
    }
  }

  /** Files the baseline; when another filing holds the namespace's slot meanwhile, names that one. */
  private async fileBaseline(
    access: ChangeRequest,
    requester: { userEntityRef: string },
    {
      namespace,
      path,
      title,
    }: { namespace: string; path: string; title: string },
    limit: RequestLimit,
  ): Promise<{ id: string; filed: boolean }> {
    const requestedAt = this.options.now().toISOString();
    const id = newRequestId(requestedAt);
    const files = {
      [path]: toYamlDocuments(
        namespaceBaseline(namespace, {
          'app.kubernetes.io/part-of': 'integrated-ops',
        }),
      ),
    };
    const description = `Default-deny (ingress and egress) with DNS egress for namespace ${namespace}, which the infrastructure repository does not hold yet. Filed with ${access.id}; until it is applied, the first allow policy there isolates only the pods it selects.`;
    const published = await this.options.publisher.publish({
      branch: `change/${id}`,
      files,
      title: `${title} (${id})`,
      body: description,
      author: {
        name: 'Integrated Ops Portal',
        email: 'portal@integrated-ops.invalid',
      },
    });
    try {
      const created = await this.options.store.create(
        {
          id,
          kind: 'namespace-baseline',
          title,
          description,
          targets: [access.targets[0]],
          change: {
            provider: this.options.publisher.provider,
            repository: published.repository,
            branch: published.branch,
            commit: published.commit,
            url: published.url,
            files,
          },
          policy: {
            version: access.policy.version,
            results: [
              {
                rule: 'namespace-baseline',
                passed: true,
                message: `${path} is not on main: the baseline is reviewed on its own, not inside ${access.id}`,
              },
            ],
          },
          requiredApprovals: ['netops'],
          approvers: { netops: access.approvers.netops },
          requestedBy: lowerRef(requester.userEntityRef),
          requestedAt,
        },
        [limit],
      );
      await this.options.notify([access.approvers.netops!], {
        title: `Approval needed: ${title}`,
        description,
        link: `/ops-requests/${id}`,
      });
      return { id: created.id, filed: true };
    } catch (error) {
      await this.options.publisher.discard(published.branch).catch(() => {});
      if (error instanceof LimitReachedError) {
        return { id: error.holders[0], filed: false };
      }
      throw error;
    }
  }
}
