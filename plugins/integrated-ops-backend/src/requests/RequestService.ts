import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  ChangeRequest,
  Discipline,
  DISCIPLINE_TITLES,
  NewChangeRequest,
  opsOwnerRefs,
  lowerRef,
} from '@internal/plugin-integrated-ops-common';
import {
  LocalGitRepositories,
  OpsRequestResource,
} from '@internal/plugin-integrated-ops-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { randomBytes } from 'crypto';
import { OwnershipIndex } from '../index/OwnershipIndex';
import { RequestStore } from './RequestStore';

const PORTAL = 'integrated-ops:portal';

export interface RequestServiceOptions {
  store: RequestStore;
  index: () => OwnershipIndex;
  logger: LoggerService;
  /** Where local change branches live; absent: changes are applied elsewhere (GitHub / GitLab). */
  git?: LocalGitRepositories;
  notifications?: NotificationService;
  now?: () => Date;
}

/**
 * The life of a change request: created by a template with approvers taken
 * from the typed ownership of its first target, approved per discipline by a
 * member of that team (never the requester), applied by merging its change
 * branch, and revoked through the same git path when it expires.
 */
export class RequestService {
  private readonly now: () => Date;

  constructor(private readonly options: RequestServiceOptions) {
    this.now = options.now ?? (() => new Date());
  }

  private at() {
    return this.now().toISOString();
  }

  /** Groups the user is a member of, from the catalog's hasMember relations. */
  teamsOf(userRef: string): string[] {
    const user = lowerRef(userRef);
    return [...this.options.index().members]
      .filter(([, members]) => members.includes(user))
      .map(([group]) => group);
  }

  async create(
    input: NewChangeRequest,
    requestedBy: string,
  ): Promise<ChangeRequest> {
    const index = this.options.index();
    const primary = lowerRef(input.targets[0] ?? '');
    const entity = index.entity(primary);
    if (!entity)
      throw new InputError(
        `target ${primary || '(none)'} is not in the catalog`,
      );
    // Declared or inherited owners only: a spec.owner fallback is a gap.
    const owners = opsOwnerRefs(entity);
    const approvers: Partial<Record<Discipline, string>> = {};
    for (const d of input.requiredApprovals) {
      const owner = owners[d];
      if (!owner) {
        throw new InputError(
          `${primary} has no ${DISCIPLINE_TITLES[d]} owner to approve it`,
        );
      }
      approvers[d] = owner;
    }
    const fromBranch = /^change\/(cr-[a-z0-9-]+)$/.exec(
      input.change.branch,
    )?.[1];
    const id =
      fromBranch ??
      `cr-${this.at().slice(0, 10).replace(/-/g, '')}-${randomBytes(3).toString(
        'hex',
      )}`;
    const request = await this.options.store.create({
      ...input,
      id,
      requestedBy: lowerRef(requestedBy),
      requestedAt: this.at(),
      approvers,
    });
    await this.notify(Object.values(approvers), {
      title: `Approval needed: ${request.title}`,
      description: `${
        request.requestedBy
      } asks; your team approves as ${Object.entries(approvers)
        .map(([d]) => DISCIPLINE_TITLES[d as Discipline])
        .join(' / ')} owner. Policy ${request.policy.version} passed.`,
      link: `/ops-requests/${id}`,
    });
    return request;
  }

  /** The request as the permission rules see it. */
  toResource(request: ChangeRequest): OpsRequestResource {
    const index = this.options.index();
    const pending = request.requiredApprovals.filter(
      d => !request.approvals.some(a => a.discipline === d),
    );
    return {
      id: request.id,
      state: request.state,
      requestedBy: request.requestedBy,
      pendingApproverMembers: [
        ...new Set(
          pending.flatMap(
            d => index.members.get(lowerRef(request.approvers[d] ?? '')) ?? [],
          ),
        ),
      ],
    };
  }

  async get(id: string): Promise<ChangeRequest> {
    const request = await this.options.store.get(id);
    if (!request) throw new NotFoundError(`no change request ${id}`);
    return request;
  }

  /**
   * Records the caller's approval for every pending discipline whose team
   * they belong to; applies the change once every team approved.
   */
  async approve(
    id: string,
    actor: string,
    comment?: string,
  ): Promise<ChangeRequest> {
    const request = await this.get(id);
    const teams = new Set(this.teamsOf(actor));
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
    await this.notify([result.request.requestedBy], {
      title: `Approved: ${result.request.title}`,
      description: `Every owning team approved ${id}; the change is being applied.`,
      link: `/ops-requests/${id}`,
    });
    return this.apply(result.request);
  }

  async reject(
    id: string,
    actor: string,
    justification: string,
  ): Promise<ChangeRequest> {
    const request = await this.options.store.transition({
      id,
      from: ['pending'],
      to: 'rejected',
      action: 'rejected',
      actor: lowerRef(actor),
      at: this.at(),
      reason: justification,
    });
    await this.notify([request.requestedBy], {
      title: `Rejected: ${request.title}`,
      description: `${actor}: ${justification}`,
      link: `/ops-requests/${id}`,
      severity: 'high',
    });
    return request;
  }

  /** Merges the approved change into main (local repositories); records where it went otherwise. */
  async apply(request: ChangeRequest): Promise<ChangeRequest> {
    const { git } = this.options;
    if (request.change.provider !== 'local' || !git) {
      await this.options.store.note({
        id: request.id,
        actor: PORTAL,
        action: 'apply-external',
        at: this.at(),
        reason: `merge ${request.change.url} to apply it`,
      });
      return request;
    }
    try {
      const commit = await git.mergeBranch(
        request.change.repository,
        request.change.branch,
        `Apply ${request.id}: ${request.title}`,
        {
          name: 'Integrated Ops Portal',
          email: 'portal@integrated-ops.invalid',
        },
      );
      return await this.options.store.transition({
        id: request.id,
        from: ['approved'],
        to: 'applied',
        action: 'applied',
        actor: PORTAL,
        at: this.at(),
        reason: `merged ${request.change.branch} into main as ${commit.slice(
          0,
          12,
        )}`,
      });
    } catch (error) {
      if (error instanceof ConflictError) throw error;
      this.options.logger.error(`Applying ${request.id} failed: ${error}`);
      await this.options.store.note({
        id: request.id,
        actor: PORTAL,
        action: 'apply-failed',
        at: this.at(),
        reason: String((error as Error).message),
      });
      return (await this.options.store.get(request.id))!;
    }
  }

  /**
   * Expires pending requests past their date, and revokes applied grants
   * past their expiry through the same git path: a revoke/<id> branch that
   * removes the change's files, merged into main.
   */
  async expireDue(): Promise<string[]> {
    const done: string[] = [];
    for (const request of await this.options.store.dueForExpiry(this.at())) {
      try {
        if (request.state !== 'applied') {
          // Never applied: not approved in time, or approved but its pull /
          // merge request was never merged.
          await this.options.store.transition({
            id: request.id,
            from: ['pending', 'approved'],
            to: 'expired',
            action: 'expired',
            actor: PORTAL,
            at: this.at(),
            reason:
              request.state === 'pending'
                ? `not approved before ${request.expiresAt}`
                : `not applied before ${request.expiresAt}; close ${request.change.url}`,
          });
        } else {
          await this.revoke(request);
        }
        done.push(request.id);
        await this.notify(
          [request.requestedBy, ...Object.values(request.approvers)],
          {
            title: `${request.state === 'applied' ? 'Revoked' : 'Expired'}: ${
              request.title
            }`,
            description: `${request.id} reached its expiry ${request.expiresAt}.`,
            link: `/ops-requests/${request.id}`,
          },
        );
      } catch (error) {
        // Another replica got there first, or git failed: the next run retries.
        this.options.logger.warn(`Expiring ${request.id}: ${error}`);
      }
    }
    return done;
  }

  private async revoke(request: ChangeRequest) {
    const { git } = this.options;
    let reason = `expired ${request.expiresAt}`;
    if (request.change.provider === 'local' && git) {
      const branch = `revoke/${request.id}`;
      const removals = Object.fromEntries(
        Object.keys(request.change.files)
          .filter(path => !path.startsWith('change-requests/'))
          .map(path => [path, null]),
      );
      await git.publishBranch({
        repository: request.change.repository,
        branch,
        files: removals,
        message: `Revoke ${request.id}: expired ${request.expiresAt}`,
        author: {
          name: 'Integrated Ops Portal',
          email: 'portal@integrated-ops.invalid',
        },
      });
      const commit = await git.mergeBranch(
        request.change.repository,
        branch,
        `Revoke ${request.id}`,
        {
          name: 'Integrated Ops Portal',
          email: 'portal@integrated-ops.invalid',
        },
      );
      reason = `${reason}: merged ${branch} into main as ${commit.slice(
        0,
        12,
      )}`;
    }
    await this.options.store.transition({
      id: request.id,
      from: ['applied'],
      to: 'revoked',
      action: 'revoked',
      actor: PORTAL,
      at: this.at(),
      reason,
    });
  }

  /** Asks the approving teams to re-certify grants applied more than `days` ago. */
  async requestRecertification(days: number): Promise<string[]> {
    const before = new Date(
      this.now().getTime() - days * 86_400_000,
    ).toISOString();
    const due = await this.options.store.dueForRecertification(before);
    for (const request of due) {
      await this.options.store.markRecertificationRequested(
        request.id,
        PORTAL,
        this.at(),
      );
      await this.notify(Object.values(request.approvers), {
        title: `Re-certify: ${request.title}`,
        description: `${request.id} was applied ${request.appliedAt}; confirm it is still needed or reject it.`,
        link: `/ops-requests/${request.id}`,
      });
    }
    return due.map(r => r.id);
  }

  private async notify(
    recipients: string[],
    payload: {
      title: string;
      description: string;
      link: string;
      severity?: 'high' | 'normal';
    },
  ) {
    const entityRef = [...new Set(recipients.filter(Boolean))];
    if (!this.options.notifications || !entityRef.length) return;
    try {
      await this.options.notifications.send({
        recipients: { type: 'entity', entityRef },
        payload: {
          ...payload,
          topic: 'integrated-ops-requests',
          severity: payload.severity ?? 'normal',
        },
      });
    } catch (error) {
      // A notification failure must not undo a decision.
      this.options.logger.warn(
        `Notification "${payload.title}" failed: ${error}`,
      );
    }
  }
}
