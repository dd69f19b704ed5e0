import { ServiceUnavailableError } from '@backstage/errors';
import { ChangeRequest } from '@integrated-ops/plugin-ops-requests-common';
import { ApplyingStage } from './ApplyingStage';
import {
  PORTAL,
  RECORDS,
  RequestServiceOptions,
  RequestStage,
} from './RequestStage';

/**
 * Expiring: requests past their date are expired (never applied) or revoked
 * through the same git path they were applied by; break-glass grants their
 * owning teams did not confirm in time are revoked; grants applied long ago
 * are put to their approving teams for re-certification.
 */
export class ExpiringStage extends RequestStage {
  constructor(
    options: RequestServiceOptions,
    private readonly applying: ApplyingStage,
  ) {
    super(options);
  }

  /**
   * Expires pending requests past their date, and revokes applied grants
   * past their expiry through the same git path: a revoke/<id> branch that
   * removes the change's files, merged into main.
   */
  async expireDue(): Promise<string[]> {
    const done: string[] = [];
    for (let request of await this.options.store.dueForExpiry(this.at())) {
      try {
        if (request.state === 'approved') {
          const merged = await this.mergedOnMain(request);
          if (merged === undefined) {
            this.options.logger.warn(
              `Expiring ${request.id}: whether its change is on main cannot be read from ${request.change.provider}; expired as never applied`,
            );
          }
          if (merged) {
            // Merged by an apply the expiry overtook (a replica that died
            // after merging, or a merge still finishing): record it, then
            // revoke it like any grant at its end.
            request = await this.options.store.transition({
              id: request.id,
              from: ['approved'],
              to: 'applied',
              action: 'applied',
              actor: PORTAL,
              at: this.at(),
              reason: `found merged on main at its expiry (${request.change.commit.slice(
                0,
                12,
              )})`,
            });
          }
        }
        const granted =
          request.state === 'applied' || request.state === 'post-review';
        if (!granted) {
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
          await this.applying.discard(request.change.branch);
        } else {
          await this.revoke(request, `expired ${request.expiresAt}`);
        }
        done.push(request.id);
        await this.notify(
          [request.requestedBy, ...Object.values(request.approvers)],
          {
            title: `${granted ? 'Revoked' : 'Expired'}: ${request.title}`,
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

  /** Revokes break-glass grants their owning teams did not confirm in time. */
  async revokeUnreviewed(): Promise<string[]> {
    const done: string[] = [];
    for (const request of await this.options.store.dueForReview(this.at())) {
      try {
        await this.revoke(
          request,
          `not confirmed by the owning teams before ${
            request.breakGlass!.reviewDueAt
          }`,
        );
        done.push(request.id);
        await this.notify(
          [
            request.requestedBy,
            ...Object.values(request.approvers),
            request.breakGlass!.notify,
          ],
          {
            title: `Revoked (review overdue): ${request.title}`,
            description: `${request.id} was not confirmed before ${
              request.breakGlass!.reviewDueAt
            }.`,
            link: `/ops-requests/${request.id}`,
          },
        );
      } catch (error) {
        this.options.logger.warn(`Revoking ${request.id}: ${error}`);
      }
    }
    return done;
  }

  /**
   * Whether an approved request's change is on main: true when every file it
   * adds or changes is there with its content, false when one is not, and
   * undefined when main cannot be read.
   */
  private async mergedOnMain(
    request: ChangeRequest,
  ): Promise<boolean | undefined> {
    if (request.change.provider !== this.options.publisher.provider) {
      return false;
    }
    try {
      const { mine, total, unreadable } = await this.filesOnMain(request);
      if (unreadable) return undefined;
      return total > 0 && mine.length === total;
    } catch {
      return undefined;
    }
  }

  /**
   * The change's files (records aside) as main holds them now: those still
   * as this request wrote them (or unreadable: null from the publisher),
   * and whether any could not be read.
   */
  private async filesOnMain(request: ChangeRequest) {
    const mine: string[] = [];
    let total = 0;
    let unreadable = false;
    for (const [path, content] of Object.entries(request.change.files)) {
      if (path.startsWith(RECORDS)) continue;
      total += 1;
      const onMain = await this.options.publisher.fileOnMain(path);
      if (onMain === null) unreadable = true;
      if (onMain === content || onMain === null) mine.push(path);
    }
    return { mine, total, unreadable };
  }

  async revoke(
    request: ChangeRequest,
    why: string,
    actor: string = PORTAL,
  ): Promise<ChangeRequest> {
    const { publisher } = this.options;
    let reason = why;
    if (request.change.provider === 'local' && publisher.provider === 'local') {
      // Only the files main still holds as this request wrote them: another
      // grant of the same flow may have replaced or removed them since, and
      // its files are not this revocation's to remove.
      const removals = Object.fromEntries(
        (await this.filesOnMain(request)).mine.map(path => [path, null]),
      );
      if (!Object.keys(removals).length) {
        reason = `${reason}: nothing of it is on main any more (removed or replaced by a later change)`;
      } else {
        try {
          const revocation = await publisher.publish({
            branch: `revoke/${request.id}`,
            files: removals,
            title: `Revoke ${request.id}`,
            body: why,
            author: {
              name: 'Integrated Ops Portal',
              email: 'portal@integrated-ops.invalid',
            },
          });
          const merged = await publisher.merge({
            branch: revocation.branch,
            commit: revocation.commit,
            message: `Revoke ${request.id}`,
            url: revocation.url,
          });
          reason = `${reason}: merged ${
            revocation.branch
          } into main as ${merged.slice(0, 12)}`;
        } catch (error) {
          // git's output names server paths: it stays in the log.
          this.options.logger.error(`Revoking ${request.id} failed: ${error}`);
          throw new ServiceUnavailableError(
            `${request.id} could not be revoked in the infrastructure repository; it stays open and the expiry task tries again (see the backend log)`,
          );
        }
      }
    }
    return this.options.store.transition({
      id: request.id,
      from: ['applied', 'post-review'],
      to: 'revoked',
      action: 'revoked',
      actor,
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
}
