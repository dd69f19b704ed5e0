import { ConflictError } from '@backstage/errors';
import { ChangeRequest } from '@integrated-ops/plugin-ops-requests-common';
import { PORTAL, RequestStage } from './RequestStage';

// A change branch with no request this long after its commit is an orphan.
const ORPHAN_AFTER_MS = 10 * 60_000;

/**
 * Applying: merging exactly the reviewed commit of an approved request (at
 * once, or when its planned time comes, claimed by one replica for a lease),
 * break-glass grants applied before review, and deleting change branches
 * nobody will merge.
 */
export class ApplyingStage extends RequestStage {
  /**
   * Applies approved requests whose planned time has come. Each is claimed
   * first (a conditional update), so with several replicas exactly one
   * merges it.
   */
  async applyDue(): Promise<string[]> {
    const done: string[] = [];
    for (const request of await this.options.store.dueForApply(this.at())) {
      try {
        const applied = await this.applyClaimed(request);
        if (applied?.state === 'applied' || applied?.state === 'post-review') {
          done.push(request.id);
        }
      } catch (error) {
        this.options.logger.warn(`Applying ${request.id}: ${error}`);
      }
    }
    return done;
  }

  /**
   * Applies an approved request that is due, after claiming it for this
   * replica for a lease; undefined when another replica holds it. Should this
   * replica die mid-merge, the claim runs out and the planned-apply task of a
   * surviving replica merges it: the merge of an already merged commit adds
   * nothing, so it is never applied twice.
   */
  async applyClaimed(
    request: ChangeRequest,
  ): Promise<ChangeRequest | undefined> {
    const { store } = this.options;
    const now = this.now();
    const until = new Date(
      now.getTime() + (this.options.applyLeaseMs ?? 120_000),
    );
    if (
      !(await store.claimApply(
        request.id,
        now.toISOString(),
        until.toISOString(),
      ))
    ) {
      return undefined;
    }
    const applied = await this.apply(request);
    if (applied.state === 'approved') await store.releaseApply(request.id);
    return applied;
  }

  /**
   * Merges exactly the reviewed commit into main: the local repository, or
   * the pull / merge request through the provider's API with the reviewed
   * head SHA. A branch that moved since is refused and recorded, and nothing
   * is merged.
   */
  async apply(request: ChangeRequest): Promise<ChangeRequest> {
    const { publisher, store } = this.options;
    const { change } = request;
    const note = async (action: string, reason: string) => {
      await store.note({
        id: request.id,
        actor: PORTAL,
        action,
        at: this.at(),
        reason,
      });
      return (await store.get(request.id))!;
    };
    if (change.provider !== publisher.provider) {
      // Filed under another delivery configuration than the current one.
      return note('apply-external', `merge ${change.url} to apply it`);
    }
    let merged: string;
    try {
      merged = await publisher.merge({
        branch: change.branch,
        commit: change.commit,
        message: `Apply ${request.id}: ${request.title}`,
        url: change.url,
      });
    } catch (error) {
      this.options.logger.error(`Applying ${request.id} failed: ${error}`);
      // A refusal says why; any other failure stays in the server log (git's
      // output names server paths).
      return error instanceof ConflictError
        ? note('apply-refused', error.message)
        : note(
            'apply-failed',
            'the change could not be merged; see the backend log',
          );
    }
    return store.transition({
      id: request.id,
      from: ['approved'],
      to: request.breakGlass ? 'post-review' : 'applied',
      action: 'applied',
      actor: PORTAL,
      at: this.at(),
      reason: `merged ${change.branch} into main as ${merged.slice(
        0,
        12,
      )} (reviewed commit ${change.commit.slice(0, 12)})`,
    });
  }

  /**
   * Break-glass: the requester is on call for an owning team, so the change
   * is applied now without prior approval. The skipped approvers and the
   * policy's SecOps group are told at once; the owning teams confirm or
   * revoke it before its review is due, and it is revoked at its end time
   * whatever happens.
   */
  async breakGlass(request: ChangeRequest): Promise<ChangeRequest> {
    const bg = request.breakGlass!;
    const approved = await this.options.store.transition({
      id: request.id,
      from: ['pending'],
      to: 'approved',
      action: 'break-glass',
      actor: request.requestedBy,
      at: this.at(),
      beforeExpiry: true,
      reason: `incident ${bg.incident}; on call for ${bg.onCallFor}; approvals skipped, review due ${bg.reviewDueAt}`,
    });
    const applied = (await this.applyClaimed(approved)) ?? approved;
    await this.notify([...Object.values(request.approvers), bg.notify], {
      title: `Break-glass: ${request.title}`,
      description: `${request.requestedBy}, on call for ${bg.onCallFor}, opened this for incident ${bg.incident} until ${request.expiresAt}. Applied without approval: confirm or revoke it before ${bg.reviewDueAt}.`,
      link: `/ops-requests/${request.id}`,
      severity: 'high',
    });
    return applied;
  }

  /** Deletes a change branch nobody will merge; a failure is logged, the sweep retries. */
  async discard(branch: string) {
    if (!branch) return; // a re-certification has none
    try {
      await this.options.publisher.discard(branch);
    } catch (error) {
      this.options.logger.warn(`Deleting branch ${branch}: ${error}`);
    }
  }

  /**
   * Deletes change branches that no stored request names (a filing that
   * died between commit and store), once they are older than a few minutes.
   */
  async sweepOrphanBranches(): Promise<string[]> {
    const cutoff = this.now().getTime() - ORPHAN_AFTER_MS;
    const old = (await this.options.publisher.branches('change/')).filter(
      b => Date.parse(b.committedAt) < cutoff,
    );
    const known = new Set(
      (
        await this.options.store.getMany(
          old.map(b => b.branch.slice('change/'.length)),
        )
      ).map(r => r.change.branch),
    );
    const orphans = old.map(b => b.branch).filter(b => !known.has(b));
    for (const branch of orphans) await this.discard(branch);
    return orphans;
  }
}
